#!/usr/bin/env bash
# A real streaming standby of the machine's PostgreSQL, for the read-replica tests and for trying
# DATABASE_REPLICA_URL locally (docs/operations.md, "Read replica").
#
#   scripts/replica.sh start    base backup of the primary into $REPLICA_DIR, start it on
#                               $REPLICA_PORT as a hot standby streaming from the primary, wait
#                               until it streams, print its URL (TEST_REPLICA_URL / DATABASE_REPLICA_URL)
#   scripts/replica.sh stop     stop the standby and remove its data directory
#   scripts/replica.sh status   exit 0 when the standby runs and streams
#
# Environment (defaults in brackets): PRIMARY_HOST [127.0.0.1], PRIMARY_PORT [5432],
# PRIMARY_USER [postgres], REPLICA_PORT [5433], REPLICA_DIR [/var/tmp/yousu-replica].
#
# The primary must accept replication connections from this machine. Debian's default pg_hba.conf
# has `host all all 127.0.0.1/32 ...`, and `all` does not cover replication: `start` appends one
# `host replication <user> 127.0.0.1/32 trust` line (once; it is marked) and reloads the primary,
# when it runs as root on the primary's machine. PostgreSQL refuses to run as root, so as root the
# standby runs as the `postgres` user (runuser).
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PRIMARY_USER=${PRIMARY_USER:-postgres}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/var/tmp/yousu-replica}
HBA_MARK="# yousu scripts/replica.sh: streaming standby on this machine"

die() { echo "replica.sh: $*" >&2; exit 1; }
primary() { psql -X -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -Atqc "$1"; }
standby() { psql -X -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres -Atqc "$1"; }

# Run as the owner of the standby's files: postgres when we are root, else ourselves.
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

bindir() {
  local num major
  num=$(primary "show server_version_num") || die "cannot reach the primary at $PRIMARY_HOST:$PRIMARY_PORT"
  major=$((num / 10000))
  local dir="/usr/lib/postgresql/$major/bin"
  [ -x "$dir/pg_ctl" ] || die "no PostgreSQL $major binaries in $dir (the standby must run the primary's major version)"
  echo "$dir"
}

streaming() {
  [ "$(standby "select pg_is_in_recovery()::text || ':' || coalesce((select status from pg_stat_wal_receiver), 'none')" 2>/dev/null)" = "true:streaming" ]
}

ensure_hba() {
  local hba
  hba=$(primary "show hba_file")
  if grep -qF "$HBA_MARK" "$hba" 2>/dev/null; then return; fi
  # Already allowed by the operator's own rules? Try a replication connection first.
  if psql -X "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PRIMARY_USER replication=true" -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
    return
  fi
  [ -w "$hba" ] || die "the primary refuses replication connections and $hba is not writable: add
  host replication $PRIMARY_USER 127.0.0.1/32 trust
to it and reload PostgreSQL (or run this script as root)"
  printf '\n%s\nhost replication %s 127.0.0.1/32 trust\n' "$HBA_MARK" "$PRIMARY_USER" >>"$hba"
  primary "select pg_reload_conf()" >/dev/null
  echo "replica.sh: allowed replication connections from 127.0.0.1 in $hba (reloaded)" >&2
  for _ in $(seq 1 20); do
    psql -X "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PRIMARY_USER replication=true" -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1 && return
    sleep 0.5
  done
  die "the primary still refuses replication connections after editing $hba"
}

stop() {
  local bin
  if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
    bin=$(bindir)
    as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$REPLICA_DIR"
}

start() {
  if streaming; then
    echo "postgres://$PRIMARY_USER@127.0.0.1:$REPLICA_PORT/postgres"
    return
  fi
  if pg_isready -h 127.0.0.1 -p "$REPLICA_PORT" >/dev/null 2>&1 && [ ! -f "$REPLICA_DIR/postmaster.pid" ]; then
    die "port $REPLICA_PORT is taken by another server (not this script's standby)"
  fi
  local bin
  bin=$(bindir)
  [ "$(primary "show wal_level")" != minimal ] || die "the primary has wal_level = minimal: set it to replica and restart it"
  [ "$(primary "show max_wal_senders")" -gt 0 ] || die "the primary has max_wal_senders = 0: raise it and restart it"
  ensure_hba
  stop
  mkdir -p "$(dirname "$REPLICA_DIR")"
  if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 700 "$REPLICA_DIR"; else install -d -m 700 "$REPLICA_DIR"; fi
  # -R writes standby.signal and primary_conninfo: the copy starts as a standby and streams.
  as_pg "$bin/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" \
    -D "$REPLICA_DIR" -R -X stream -c fast --no-password

  # Debian keeps postgresql.conf and pg_hba.conf in /etc, outside the data directory: the standby
  # gets its own. Hot standby needs these settings at least as high as the primary's.
  local settings
  settings=$(primary "select string_agg(name || ' = ' || setting, E'\n') from pg_settings
    where name in ('max_connections','max_worker_processes','max_wal_senders',
                   'max_prepared_transactions','max_locks_per_transaction')")
  as_pg tee "$REPLICA_DIR/postgresql.conf" >/dev/null <<EOF
# Written by scripts/replica.sh: a hot standby of $PRIMARY_HOST:$PRIMARY_PORT.
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
hot_standby_feedback = on
logging_collector = off
$settings
EOF
  as_pg tee "$REPLICA_DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  as_pg tee "$REPLICA_DIR/pg_ident.conf" >/dev/null </dev/null
  as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/standby.log" -w -t 60 start >/dev/null ||
    { tail -n 30 "$REPLICA_DIR/standby.log" >&2 || true; die "the standby did not start"; }
  for _ in $(seq 1 60); do
    if streaming; then
      echo "postgres://$PRIMARY_USER@127.0.0.1:$REPLICA_PORT/postgres"
      return
    fi
    sleep 0.5
  done
  tail -n 30 "$REPLICA_DIR/standby.log" >&2 || true
  die "the standby started but does not stream from the primary"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) streaming ;;
  *) die "usage: scripts/replica.sh start|stop|status" ;;
esac
