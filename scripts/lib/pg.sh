# A private PostgreSQL cluster, run with initdb and pg_ctl (no system service).
# initdb and postgres refuse to run as root: as root, the cluster belongs to `postgres`.

pg_bin_dir() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -z "$initdb" ]; then
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$initdb" ] || return 1
  dirname "$(readlink -f "$initdb")"
}

# Runs a PostgreSQL program as the cluster's owner.
pg_run() {
  local bin
  bin="$(pg_bin_dir)/$1"
  shift
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin" "$@"
  else
    "$bin" "$@"
  fi
}

# pg_init_if_needed DIR: creates a cluster in DIR/data unless one is there.
pg_init_if_needed() {
  local dir=$1
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_run initdb -D "$dir/data" -U stafett --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
}

# pg_start DIR PORT [SETTINGS]: starts the cluster on 127.0.0.1:PORT and a socket in DIR,
# with extra server settings (e.g. "-c fsync=off" for a throwaway cluster); waits.
pg_start() {
  local dir=$1 port=$2 settings=${3:-}
  pg_run pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $settings" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; return 1; }
}

# pg_stop DIR: stops the cluster if it runs.
pg_stop() {
  local dir=$1
  if [ -f "$dir/data/postmaster.pid" ]; then
    pg_run pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_create_db PORT NAME: creates database NAME unless it exists.
pg_create_db() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U stafett -d postgres -tAc \
      "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    psql -q -h 127.0.0.1 -p "$port" -U stafett -d postgres -c "create database \"$name\""
  fi
}
