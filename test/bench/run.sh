#!/usr/bin/env bash
# npm run bench — national-size benchmark on a throwaway PostgreSQL cluster (see BENCHMARKS.md).
# Options by environment: BENCH_SEED (42), BENCH_SCALE (1 = national size), BENCH_DURATION
# (seconds per page, 10), BENCH_CONNECTIONS (20), BENCH_PG_PORT (55601), BENCH_TODAY (today).
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/pg/cluster.sh
# A modest production-like server: durable commits, 256 MB of shared buffers.
pg_cluster_start "${BENCH_PG_PORT:-55601}" shared_buffers=256MB max_connections=50
# The server measured is the compiled one, as `npm run start:prod` runs it (BENCH_SERVER=src: tsx).
[ "${BENCH_SERVER:-dist}" = "src" ] || npm run --silent build
node --import tsx test/bench/main.ts
