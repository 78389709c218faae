#!/usr/bin/env bash
# npm run test:pg — runs the whole jest suite against a throwaway PostgreSQL cluster
# (Debian's postgresql, 15 or later) that this script creates, starts and always stops.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "test:pg needs a PostgreSQL server (apt-get install -y postgresql); none found under /usr/lib/postgresql." >&2
  exit 1
fi

DIR=$(mktemp -d /tmp/jalons-pg.XXXXXX)
PORT=${PG_TEST_PORT:-55432}
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

"${as_pg[@]}" "$PG_BIN/initdb" -D "$DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway cluster in $DIR)"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
npm test -- "$@"
