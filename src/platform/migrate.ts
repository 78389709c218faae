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
  getMigrations() {
    const names = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => ({ name: f.replace(/\.(ts|js)$/, ''), file: path.join(MIGRATIONS_DIR, f) }));
    return Promise.resolve(names);
  },
  getMigrationName: (m) => m.name,
  // require, not import(): the same CommonJS loading under tsx, jest (swc) and the compiled dist/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  getMigration: (m) => Promise.resolve(require(m.file) as Knex.Migration),
};

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}
