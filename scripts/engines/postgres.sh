#!/usr/bin/env bash
# A development PostgreSQL for the engine tests (issue 18): Debian's postgresql-15 cluster "15/main" on
# 127.0.0.1:5432, with a role and a database for the tests.
#
#   scripts/engines/postgres.sh start    # install postgresql-15 if missing, start the cluster, create role + db
#   scripts/engines/postgres.sh status   # exit 0 when the cluster accepts connections, 3 when it does not
#   scripts/engines/postgres.sh stop     # stop the cluster
#
# Environment (defaults in brackets):
#   SLUICE_PG_USER [sluice_test]          role created (or its password reset) by `start`
#   SLUICE_PG_PASSWORD [sluice_test]      its password
#   SLUICE_PG_DATABASE [sluice_test]      database owned by that role
#
# On success `start` prints SLUICE_PG_URL=jdbc:postgresql://127.0.0.1:5432/<db>, SLUICE_PG_USER and
# SLUICE_PG_PASSWORD, which the tests read (environment variables or -Dsluice.pg.url/.user/.password; the
# same defaults apply there).
#
# Traps: the cluster is down on a fresh machine until started; the port is the cluster's own (5432 in
# Debian's postgresql.conf), so this script does not take a port setting; run as root (it uses
# pg_ctlcluster and `runuser -u postgres`), or as the postgres user.
set -euo pipefail

PG_MAJOR=15
CLUSTER=main
PORT=5432
DB_USER="${SLUICE_PG_USER:-sluice_test}"
DB_PASSWORD="${SLUICE_PG_PASSWORD:-sluice_test}"
DB_NAME="${SLUICE_PG_DATABASE:-sluice_test}"
URL="jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME"

say() { echo "postgres.sh: $*"; }
die() {
  echo "postgres.sh: ERROR: $*" >&2
  exit 1
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  else
    runuser -u postgres -- "$@"
  fi
}

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

ready() { pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; }

check_names() {
  [[ "$DB_USER" =~ ^[a-z_][a-z0-9_]*$ ]] || die "SLUICE_PG_USER must be a plain lower-case SQL name, got '$DB_USER'"
  [[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "SLUICE_PG_DATABASE must be a plain lower-case SQL name, got '$DB_NAME'"
}

ensure_installed() {
  if [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ] && command -v pg_ctlcluster >/dev/null; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "postgresql-$PG_MAJOR is not installed; run this script as root to install it"
  say "installing postgresql-$PG_MAJOR (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-$PG_MAJOR" >/dev/null
}

ensure_cluster() {
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v c="$CLUSTER" '$1 == v && $2 == c {found = 1} END {exit !found}'; then
    say "creating cluster $PG_MAJOR/$CLUSTER"
    pg_createcluster "$PG_MAJOR" "$CLUSTER" -p "$PORT" >/dev/null
  fi
  local port
  port="$(pg_lsclusters -h | awk -v v="$PG_MAJOR" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')"
  [ "$port" = "$PORT" ] || die "cluster $PG_MAJOR/$CLUSTER is set to port $port, not $PORT (see /etc/postgresql/$PG_MAJOR/$CLUSTER/postgresql.conf)"
}

ensure_role_and_database() {
  local quoted_password="${DB_PASSWORD//\'/\'\'}"
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" = 1 ]; then
    psql_admin -c "ALTER ROLE $DB_USER WITH LOGIN PASSWORD '$quoted_password'"
  else
    say "creating role $DB_USER"
    psql_admin -c "CREATE ROLE $DB_USER WITH LOGIN PASSWORD '$quoted_password'"
  fi
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    say "creating database $DB_NAME"
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
  fi
}

start() {
  check_names
  ensure_installed
  ensure_cluster
  if ready; then
    say "cluster $PG_MAJOR/$CLUSTER already running on 127.0.0.1:$PORT"
  else
    say "starting cluster $PG_MAJOR/$CLUSTER"
    pg_ctlcluster "$PG_MAJOR" "$CLUSTER" start ||
      die "pg_ctlcluster $PG_MAJOR $CLUSTER start failed (log: /var/log/postgresql/postgresql-$PG_MAJOR-$CLUSTER.log)"
    local waited=0
    until ready; do
      if [ "$waited" -ge 60 ]; then
        tail -n 20 "/var/log/postgresql/postgresql-$PG_MAJOR-$CLUSTER.log" >&2 || true
        die "the cluster did not accept connections on 127.0.0.1:$PORT within 30 s"
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  fi
  ensure_role_and_database
  PGPASSWORD="$DB_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" -tAc 'SELECT 1' >/dev/null ||
    die "role $DB_USER cannot log in to $DB_NAME over 127.0.0.1 with a password (check pg_hba.conf)"
  say "ready at $URL"
  echo "SLUICE_PG_URL=$URL"
  echo "SLUICE_PG_USER=$DB_USER"
  echo "SLUICE_PG_PASSWORD=$DB_PASSWORD"
}

stop() {
  if ! command -v pg_ctlcluster >/dev/null; then
    say "postgresql-$PG_MAJOR is not installed; nothing to stop"
    return 0
  fi
  if pg_ctlcluster "$PG_MAJOR" "$CLUSTER" status >/dev/null 2>&1; then
    say "stopping cluster $PG_MAJOR/$CLUSTER"
    pg_ctlcluster "$PG_MAJOR" "$CLUSTER" stop
    say "stopped"
  else
    say "cluster $PG_MAJOR/$CLUSTER not running"
  fi
}

status() {
  if ready; then
    say "cluster $PG_MAJOR/$CLUSTER running on 127.0.0.1:$PORT"
    echo "SLUICE_PG_URL=$URL"
    return 0
  fi
  say "not running"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
