# The app under load, shared by ./scripts/bench and ./scripts/soak: the release build, its
# own PostgreSQL (with pg_stat_statements, to count a request's statements and show where its
# time goes), the local stand-ins and the server, with the demo data and the load's logs and
# logins (scripts/bench-seed.sql, scripts/bench-municipality.sql). Files of targets for
# scripts/wrk/*.lua, a line each ("login cookie value" and a path or a log id):
#   $work/hot.targets           the hot log (Sara's, 500 entries) and its four readers
#   $work/municipality.targets  200 logs of 40 entries, each with its own holder
#   $work/writes.targets        the first 50 of those, for writing entries
# Sets base, server_pid, stats_url and DATABASE_URL; load_stop stops it all.
source "$REPO_ROOT/scripts/lib/pg.sh"
source "$REPO_ROOT/scripts/lib/services.sh"

server_pid=""
hot_log="/logs/00000000-0000-4000-8000-000000000921"

load_start() {
  work=$1
  "$REPO_ROOT/scripts/setup"
  if ! command -v wrk >/dev/null; then
    say "Installing wrk"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
  fi

  say "Building (release)"
  build_site --release

  say "Starting PostgreSQL, the local ID-porten and the server"
  pg_init_if_needed "$work/pg"
  pg_port=$(free_port)
  pg_start "$work/pg" "$pg_port" "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  pg_create_db "$pg_port" stafett
  export DATABASE_URL="postgres://stafett@127.0.0.1:$pg_port/stafett"
  # The server connects as the owner, which is no superuser; the statistics are read as one.
  stats_url=$(pg_superuser_url "$DATABASE_URL")
  psql "$stats_url" -q -c "create extension pg_stat_statements"
  addr="127.0.0.1:$(free_port)"
  base="http://$addr"
  services_start "$work/services" "$base"
  LEPTOS_SITE_ADDR="$addr" STAFETT_SEED_DEMO=true RUST_LOG=warn \
    "$CARGO_TARGET_DIR/release/server" >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_for_http "$base/healthz" 120 "$server_pid" || { cat "$work/server.log" >&2; die "the server did not start"; }
  services_persons "$DATABASE_URL"

  say "Seeding the load's logs and logins"
  psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -f "$REPO_ROOT/scripts/bench-seed.sql" |
    awk -v path="$hot_log" 'NF {print $1, path}' >"$work/hot.targets"
  psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -f "$REPO_ROOT/scripts/bench-municipality.sql" |
    awk 'NF == 2 {print $1, "/logs/" $2}' >"$work/municipality.targets"
  [ "$(wc -l <"$work/hot.targets")" -eq 4 ] || die "the hot log has not four readers"
  [ "$(wc -l <"$work/municipality.targets")" -eq 200 ] || die "the municipality has not 200 logs"
  head -50 "$work/municipality.targets" | sed 's#/logs/##' >"$work/writes.targets"

  # Every reader sees the newest 30 entries of their log and a link to older ones: no login
  # has failed and no page is empty.
  local token path page shown
  while read -r token path; do
    page=$(curl -sf -H "Cookie: stafett_login=$token" "$base$path") || die "$path did not answer"
    shown=$(grep -o 'class="entry-body"' <<<"$page" | wc -l)
    [ "$shown" -eq 30 ] || die "$path shows $shown entries, not 30: not logged in?"
    grep -q '?before=' <<<"$page" || die "$path offers no older entries"
  done < <(cat "$work/hot.targets" "$work/municipality.targets")
}

load_stop() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  services_stop
  pg_stop "$work/pg" 2>/dev/null || true
}

# The server's resident memory, in KiB.
server_rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
