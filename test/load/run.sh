#!/usr/bin/env bash
# npm run test:load — 50 virtual users for LOAD_SECONDS (default 60) against a Jalons process on a
# throwaway PostgreSQL cluster (same approach as test/pg/run.sh), then a PostgreSQL outage during
# load (OUTAGE_SECONDS, default 8). main.ts stops and starts the cluster itself through pg_ctl,
# so it gets the cluster's folder and the command prefix in PG_CTL_* variables.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "test:load needs a PostgreSQL server (apt-get install -y postgresql); none found under /usr/lib/postgresql." >&2
  exit 1
fi

DIR=$(mktemp -d /tmp/jalons-load.XXXXXX)
PORT=${PG_TEST_PORT:-55433}
as_pg=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  chown postgres "$DIR"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT INT TERM

# Durable settings (fsync on, unlike test:pg): the outage phase checks that nothing is half-written.
"${as_pg[@]}" "$PG_BIN/initdb" -D "$DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway cluster in $DIR)"

export LOAD_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export PG_CTL="$PG_BIN/pg_ctl" PG_DATA="$DIR/data" PG_PORT="$PORT" PG_SOCKET_DIR="$DIR" PG_LOG="$DIR/server.log"
export PG_AS_USER="${as_pg[*]:+postgres}"
exec_tsx=(node_modules/.bin/tsx test/load/main.ts)
"${exec_tsx[@]}" "$@"
