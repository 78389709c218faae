import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Db } from './db';

// src/platform -> migrations, and dist/src/platform -> dist/migrations once built.
const MIGRATIONS_DIR = path.join(__dirname, '../../migrations');

type Migration = { name: string; file: string };

/**
 * Migrations are named without their extension so the same history is valid whether they run
 * as .ts (tsx, jest) or compiled .js (dist/).
 */
export const migrationSource: Knex.MigrationSource<Migration> = {
  async getMigrations() {
    return fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => ({ name: f.replace(/\.(ts|js)$/, ''), file: path.join(MIGRATIONS_DIR, f) }));
  },
  getMigrationName: (m) => m.name,
  getMigration: async (m) => require(m.file),
};

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource });
  return applied as string[];
}
