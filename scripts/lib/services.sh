# The local stand-ins for the outside world, started by `demo` and `test`: an OpenID
# provider that behaves like ID-porten (dev/idporten), an SMTP server with an SMS sink
# (dev/mailsink), the population register (dev/folkeregister), the municipality's archive
# receiver (dev/archive) and a Web Push service (dev/push). All listen on loopback only.
# Sourced after common.sh.
#
#   services_start DIR APP_URL   starts them (logs and state in DIR), exports the app's
#                                settings (IDPORTEN_*, STAFETT_SMTP_URL, STAFETT_SMS_*,
#                                STAFETT_FOLKEREGISTER_*, STAFETT_ARCHIVE_*, STAFETT_DATA_KEY
#                                and STAFETT_AUDIT_KEY kept in DIR, STAFETT_VAPID_*, …) and
#                                MAILSINK_URL, ARCHIVE_URL, PUSH_URL for tests
#   services_persons DATABASE_URL  writes the provider's list of test persons from the data
#   services_stop                stops both

services_pids=()

services_start() {
  local dir=$1 app_url=$2 idporten_port smtp_port sink_port register_port archive_port ip_port
  local push_port
  mkdir -p "$dir"
  idporten_port=$(free_port)
  smtp_port=$(free_port)
  sink_port=$(free_port)
  register_port=$(free_port)
  archive_port=$(free_port)
  ip_port=$(free_port)
  push_port=$(free_port)
  SERVICES_PERSONS_FILE="$dir/idporten-persons.json"
  [ -f "$SERVICES_PERSONS_FILE" ] || echo '[]' >"$SERVICES_PERSONS_FILE"

  export STAFETT_PUBLIC_URL="$app_url"
  export IDPORTEN_ISSUER="http://127.0.0.1:$idporten_port"
  export IDPORTEN_CLIENT_ID=stafett-local
  # Loopback only, never a production secret.
  export IDPORTEN_CLIENT_SECRET=local-client-secret
  export STAFETT_SMTP_URL="smtp://127.0.0.1:$smtp_port"
  export STAFETT_MAIL_FROM="Stafett Fjordvik <ikke-svar@fjordvik.kommune.no>"
  export STAFETT_SMS_URL="http://127.0.0.1:$sink_port/sms"
  export STAFETT_SMS_USER=stafett
  export STAFETT_SMS_PASSWORD=local-sms-secret
  export MAILSINK_URL="http://127.0.0.1:$sink_port"
  export STAFETT_FOLKEREGISTER_URL="http://127.0.0.1:$register_port"
  # Loopback only, never a production token.
  export STAFETT_FOLKEREGISTER_TOKEN=local-register-token
  export ARCHIVE_URL="http://127.0.0.1:$archive_port"
  export STAFETT_ARCHIVE_URL="$ARCHIVE_URL/"
  # Loopback only, never a production token.
  export STAFETT_ARCHIVE_TOKEN=local-archive-token
  # The municipality's Individual Plan system takes the same packages: a second receiver.
  export INDIVIDUAL_PLAN_URL="http://127.0.0.1:$ip_port"
  export STAFETT_INDIVIDUAL_PLAN_URL="$INDIVIDUAL_PLAN_URL/"
  export STAFETT_INDIVIDUAL_PLAN_TOKEN=local-archive-token
  # Fjordvik's archive plan files coordinated help for a child under ORDNPRI F40.
  export STAFETT_ARCHIVE_CLASS=ORDNPRI:F40
  # Plain http on loopback: browsers would ignore Strict-Transport-Security.
  export STAFETT_HSTS=false
  # Seals one-time codes and ID tokens in the database; kept with the data it sealed, so a
  # demo's next run can still open them.
  [ -f "$dir/data-key" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$dir/data-key")
  STAFETT_DATA_KEY=$(cat "$dir/data-key")
  export STAFETT_DATA_KEY
  # Seals the audit trail; kept, as the seals made with it are verified with it. Its
  # checkpoints go beside it (in production, somewhere the database's owner cannot write).
  [ -f "$dir/audit-key" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$dir/audit-key")
  STAFETT_AUDIT_KEY=$(cat "$dir/audit-key")
  export STAFETT_AUDIT_KEY
  export STAFETT_AUDIT_CHECKPOINTS="$dir/audit-checkpoints.jsonl"
  # A throwaway VAPID key pair (P-256; the private key's 32 bytes and the public point,
  # base64url), kept so that a demo's subscriptions still work on its next run.
  [ -f "$dir/vapid-key" ] || (umask 077; node -e '
    const { privateKey } = require("node:crypto").generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = privateKey.export({ format: "jwk" });
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]);
    console.log(jwk.d, point.toString("base64url"));' >"$dir/vapid-key")
  read -r STAFETT_VAPID_PRIVATE_KEY PUSH_VAPID_PUBLIC_KEY <"$dir/vapid-key"
  export STAFETT_VAPID_PRIVATE_KEY PUSH_VAPID_PUBLIC_KEY
  export STAFETT_VAPID_SUBJECT="mailto:ikke-svar@fjordvik.kommune.no"
  export PUSH_URL="http://127.0.0.1:$push_port"
  # The stand-in is on loopback, over http: named here, or the app would refuse its
  # subscriptions.
  export STAFETT_PUSH_ALLOWED_HOSTS="127.0.0.1:$push_port"

  MAILSINK_SMS_USER=$STAFETT_SMS_USER MAILSINK_SMS_PASSWORD=$STAFETT_SMS_PASSWORD \
    /usr/bin/python3 "$REPO_ROOT/dev/mailsink/mailsink.py" --smtp-port "$smtp_port" \
    --http-port "$sink_port" --store "$dir/mailsink.jsonl" >"$dir/mailsink.log" 2>&1 &
  services_pids+=($!)

  IDPORTEN_PORT=$idporten_port IDPORTEN_PERSONS_FILE="$SERVICES_PERSONS_FILE" \
    IDPORTEN_REDIRECT_URI="$app_url/auth/callback" \
    IDPORTEN_POST_LOGOUT_REDIRECT_URI="$app_url/logged-out" \
    IDPORTEN_BACKCHANNEL_LOGOUT_URI="$app_url/auth/backchannel-logout" \
    node "$REPO_ROOT/dev/idporten/server.mjs" >"$dir/idporten.log" 2>&1 &
  services_pids+=($!)

  FOLKEREGISTER_TOKEN=$STAFETT_FOLKEREGISTER_TOKEN /usr/bin/python3 \
    "$REPO_ROOT/dev/folkeregister/folkeregister.py" --port "$register_port" \
    >"$dir/folkeregister.log" 2>&1 &
  services_pids+=($!)

  local receiver store
  for receiver in "archive:$archive_port" "individual-plan:$ip_port"; do
    store=${receiver%%:*}
    ARCHIVE_TOKEN=$STAFETT_ARCHIVE_TOKEN /usr/bin/python3 "$REPO_ROOT/dev/archive/archive.py" \
      --port "${receiver#*:}" --store "$dir/$store" \
      --schema "$REPO_ROOT/dev/archive/schema/no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd" \
      >"$dir/$store.log" 2>&1 &
    services_pids+=($!)
  done

  node "$REPO_ROOT/dev/push/push.mjs" --port "$push_port" --store "$dir/push-subscriptions.json" >"$dir/push.log" 2>&1 &
  services_pids+=($!)

  wait_for_http "$MAILSINK_URL/healthz" 30 "${services_pids[0]}" \
    || { cat "$dir/mailsink.log" >&2; die "the mail sink did not start"; }
  wait_for_http "$IDPORTEN_ISSUER/.well-known/openid-configuration" 30 "${services_pids[1]}" \
    || { cat "$dir/idporten.log" >&2; die "the local ID-porten did not start"; }
  wait_for_http "$STAFETT_FOLKEREGISTER_URL/healthz" 30 "${services_pids[2]}" \
    || { cat "$dir/folkeregister.log" >&2; die "the local population register did not start"; }
  wait_for_http "$ARCHIVE_URL/healthz" 30 "${services_pids[3]}" \
    || { cat "$dir/archive.log" >&2; die "the local archive receiver did not start"; }
  wait_for_http "$INDIVIDUAL_PLAN_URL/healthz" 30 "${services_pids[4]}" \
    || { cat "$dir/individual-plan.log" >&2; die "the local Individual Plan receiver did not start"; }
  wait_for_http "$PUSH_URL/healthz" 30 "${services_pids[5]}" \
    || { cat "$dir/push.log" >&2; die "the local push service did not start"; }
}

services_persons() {
  psql "$1" -v ON_ERROR_STOP=1 -qtA -f "$REPO_ROOT/scripts/idporten-persons.sql" >"$SERVICES_PERSONS_FILE.tmp"
  mv "$SERVICES_PERSONS_FILE.tmp" "$SERVICES_PERSONS_FILE"
}

services_stop() {
  local pid
  for pid in "${services_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${services_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  services_pids=()
}
