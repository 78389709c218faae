#!/usr/bin/env bash
# npm run test:load — 50 virtual users for LOAD_SECONDS (default 60) against a Jalons process on a
# throwaway PostgreSQL cluster (test/pg/cluster.sh), then a PostgreSQL outage during load
# (OUTAGE_SECONDS, default 8). main.ts stops and starts the cluster itself through pg_ctl,
# so it gets the cluster's folder and the command prefix in PG_* variables.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/pg/cluster.sh
# Durable settings (fsync on, unlike test:pg): the outage phase checks that nothing is half-written.
pg_cluster_start "${PG_TEST_PORT:-55433}"

export LOAD_DATABASE_URL="$DATABASE_URL"
unset DATABASE_URL # only the Jalons child process gets a database, from LOAD_DATABASE_URL
export PG_CTL="$PG_BIN/pg_ctl" PG_DATA="$PG_CLUSTER_DIR/data" PG_PORT="${PG_TEST_PORT:-55433}" PG_SOCKET_DIR="$PG_CLUSTER_DIR" PG_LOG="$PG_CLUSTER_DIR/server.log"
export PG_AS_USER="${PG_AS[*]:+postgres}"
node_modules/.bin/tsx test/load/main.ts "$@"
