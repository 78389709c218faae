#!/usr/bin/env bash
# npm run db:types: migrates a throwaway PostgreSQL cluster (test/pg/cluster.sh, the tests' own) to
# the latest migration and writes every table's row type to src/platform/db-tables.ts with Kanel
# (scripts/kanel.config.cjs). Run it after adding a migration, and commit the generated file.
#   PG_TYPES_PORT (default 55499): the cluster's port.
set -euo pipefail
cd "$(dirname "$0")/.."
source test/pg/cluster.sh
pg_cluster_start "${PG_TYPES_PORT:-55499}" fsync=off
npx tsx src/cli/migrate.ts >/dev/null
npx kanel -c scripts/kanel.config.cjs >/dev/null
npx prettier --log-level warn --write src/platform/db-tables.ts
echo "Wrote src/platform/db-tables.ts"
