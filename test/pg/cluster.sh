# Sourced, not run: starts a throwaway PostgreSQL cluster (Debian's postgresql, 15 or later) in a
# temporary folder and stops and removes it when the calling script exits.
#   pg_cluster_start PORT [extra postgres -c options…]   → exports DATABASE_URL, PG_CLUSTER_DIR
# Same approach as test/pg/run.sh (trust auth on 127.0.0.1, runs as postgres when root).

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

pg_cluster_start() {
  local port=$1
  shift
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "needs a PostgreSQL server (apt-get install -y postgresql); none found under /usr/lib/postgresql." >&2
    exit 1
  fi
  PG_CLUSTER_DIR=$(mktemp -d /tmp/jalons-pg.XXXXXX)
  PG_AS=()
  if [ "$(id -u)" = "0" ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    chown postgres "$PG_CLUSTER_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  trap pg_cluster_stop EXIT INT TERM
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_CLUSTER_DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
  local opts="-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1"
  for o in "$@"; do opts="$opts -c $o"; done
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -w -l "$PG_CLUSTER_DIR/server.log" -o "$opts" start >/dev/null
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $PG_CLUSTER_DIR)"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export PG_CLUSTER_DIR
}

pg_cluster_stop() {
  [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_CLUSTER_DIR"
  PG_CLUSTER_DIR=
}
