# A private PostgreSQL cluster, run with initdb and pg_ctl (no system service). Sourced.
#
#   pg_init_if_needed DIR     creates a cluster in DIR/data (trust, UTF8); its superuser is
#                             `postgres`
#   pg_start DIR PORT [OPTS]  starts it on 127.0.0.1:PORT and a Unix socket in DIR; waits; and
#                             makes sure of the role `stafett`, which the app and the tests
#                             connect as: not a superuser (row-level security holds it, as in
#                             production), with CREATEROLE (the first migration creates
#                             stafett_app) and CREATEDB (each database test gets a database)
#   pg_superuser_url URL      URL with the superuser in place of `stafett` (extensions)
#   pg_stop DIR               stops it (fast mode) if it runs
#   pg_create_db URL          creates the database URL names (postgres://stafett@HOST:PORT/NAME)
#   pg_create_db PORT NAME    the same, on 127.0.0.1:PORT
#
# initdb and postgres refuse to run as root: as root, DIR belongs to the `postgres` user and
# the programs run as that user. A DIR that user cannot reach (a clone under /root, which is
# mode 700) is a symbolic link to a folder under /var/lib/stafett instead.

pg_bin_dir() {
  local initdb dir
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -z "$initdb" ]; then
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$dir/initdb" ]; then initdb=$dir/initdb; break; fi
    done
  fi
  [ -n "$initdb" ] || return 1
  dirname "$(readlink -f "$initdb")"
}

# Runs a PostgreSQL server program as the cluster's owner, from a folder it may enter.
pg_run() {
  local bin
  bin="$(pg_bin_dir)/$1" || { echo "error: PostgreSQL's server programs (initdb) are not installed; run scripts/setup" >&2; return 1; }
  shift
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$bin" "$@")
  else
    "$bin" "$@"
  fi
}

# The folder that really holds the cluster (DIR, or where DIR links to).
pg_real_dir() {
  readlink -f "$1"
}

pg_init_if_needed() {
  local dir=$1 parent real
  if [ "$(id -u)" -eq 0 ] && [ ! -e "$dir" ]; then
    mkdir -p "$(dirname "$dir")"
    parent=$(readlink -f "$(dirname "$dir")")
    if ! runuser -u postgres -- test -x "$parent"; then
      real="/var/lib/stafett/pg-$(printf '%s' "$parent/$(basename "$dir")" | sha256sum | cut -c1-16)"
      mkdir -p "$real"
      chmod 755 /var/lib/stafett
      ln -s "$real" "$dir"
    fi
  fi
  mkdir -p "$dir"
  real=$(pg_real_dir "$dir")
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$real"
    chmod 700 "$real"
  fi
  if [ ! -f "$real/data/PG_VERSION" ]; then
    pg_run initdb -D "$real/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$real/initdb.log" 2>&1 \
      || { cat "$real/initdb.log" >&2; return 1; }
  fi
}

# OPTS: more server settings, e.g. "-c fsync=off" for a throwaway cluster.
pg_start() {
  local dir port=$2 settings=${3:-}
  dir=$(pg_real_dir "$1")
  pg_run pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $settings" start >/dev/null \
    || { echo "error: PostgreSQL did not start on port $port; the end of $dir/server.log:" >&2
         tail -n 20 "$dir/server.log" >&2; return 1; }
  pg_ensure_owner "$port"
}

pg_ensure_owner() {
  local port=$1
  if ! psql "postgres://postgres@127.0.0.1:$port/postgres" -tAq -c 'select 1' >/dev/null 2>&1; then
    # A cluster made before the superuser was separate: its superuser is `stafett` itself.
    warn "the cluster on port $port connects as the superuser stafett, which row-level security does not hold; remove its folder to make it anew"
    return 0
  fi
  psql "postgres://postgres@127.0.0.1:$port/postgres" -v ON_ERROR_STOP=1 -q <<'SQL'
select 'create role stafett login createrole createdb'
where not exists (select 1 from pg_roles where rolname = 'stafett') \gexec
SQL
}

pg_superuser_url() {
  sed -E 's#^postgres://stafett@#postgres://postgres@#' <<<"$1"
}

pg_stop() {
  local dir
  dir=$(pg_real_dir "$1")
  if [ -f "$dir/data/postmaster.pid" ]; then
    pg_run pg_ctl -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
}

pg_create_db() {
  local server name
  if [ $# -eq 2 ]; then
    server="postgres://stafett@127.0.0.1:$1/postgres"
    name=$2
  else
    server="${1%/*}/postgres"
    name=${1##*/}
    name=${name%%\?*}
  fi
  if [ -z "$(psql "$server" -v ON_ERROR_STOP=1 -tAq -v name="$name" \
      <<<"select 1 from pg_database where datname = :'name'")" ]; then
    psql "$server" -v ON_ERROR_STOP=1 -q -v name="$name" <<<'create database :"name"'
  fi
}
