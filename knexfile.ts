// For the knex CLI against a real PostgreSQL (`node --import tsx node_modules/knex/bin/cli.js --knexfile knexfile.ts …`).
// Jalons itself migrates through src/platform/migrate.ts (npm run migrate), which also serves the
// embedded database: never point the CLI at PGlite's folder while Jalons runs.
import type { Knex } from 'knex';
import { migrationSource } from './src/platform/migrate';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { migrationSource },
  seeds: { directory: './seeds', loadExtensions: ['.ts'], specific: 'demo.ts' },
};

export default config;
