#!/usr/bin/env bash
# npm run test:pg — runs the whole jest suite against a throwaway PostgreSQL cluster
# (Debian's postgresql, 15 or later) that this script creates, starts and always stops.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/pg/cluster.sh
# Tests need no durability: the cluster is thrown away.
pg_cluster_start "${PG_TEST_PORT:-55432}" fsync=off synchronous_commit=off full_page_writes=off
npm test -- "$@"
