#!/usr/bin/env bash
# The outside services the scale-out tests and benchmarks use — PostgreSQL, Redis and HAProxy from
# Debian's packages — run in a folder of their own on ports of their own, never the system's.
#   tools/services/services.sh start   # starts PostgreSQL (port 54329) and Redis (port 63799)
#   tools/services/services.sh stop    # stops them (the folder stays; `clean` removes it)
#   tools/services/services.sh env     # prints the settings the tests read
# The folder is $ENTENTE_SERVICES_DIR (default /tmp/entente-services). PostgreSQL refuses to run
# as root: as root, the cluster belongs to the `postgres` user the Debian package made.
# HAProxy is started by the multi-node tests themselves, with the configuration they write.
set -euo pipefail
DIR="${ENTENTE_SERVICES_DIR:-/tmp/entente-services}"
PG_PORT="${ENTENTE_PG_PORT:-54329}"
REDIS_PORT="${ENTENTE_REDIS_PORT:-63799}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pg() {
  if [ -z "$PG_BIN" ]; then
    echo "PostgreSQL is not installed: apt-get install postgresql" >&2
    exit 1
  fi
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$DIR/pg" -U entente --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then return; fi
  # Tests kill servers, never PostgreSQL: fsync off makes the suites faster and loses nothing there.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w -o \
    "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${ENTENTE_PG_FSYNC:-off}" start >/dev/null; then
    echo "PostgreSQL did not start on port $PG_PORT (another one there? set ENTENTE_PG_PORT):" >&2
    tail -5 "$DIR/pg.log" >&2
    exit 1
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    echo "Redis is not installed: apt-get install redis-server" >&2
    exit 1
  fi
  mkdir -p "$DIR/redis"
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR/redis" --save "" --appendonly no \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "Redis did not start: see $DIR/redis.log" >&2
  exit 1
}

case "${1:-}" in
  start)
    start_pg
    start_redis
    ;;
  stop)
    if [ -n "$PG_BIN" ] && [ -f "$DIR/pg/PG_VERSION" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast stop >/dev/null 2>&1 || true
    fi
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  clean)
    "$0" stop
    rm -rf "$DIR"
    ;;
  env)
    echo "TEST_DATABASE_URL=postgres://entente@127.0.0.1:$PG_PORT/postgres"
    echo "TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    ;;
  *)
    echo "usage: $0 start|stop|clean|env" >&2
    exit 2
    ;;
esac
