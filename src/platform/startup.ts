import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { seed as seedDemo } from '../../seeds/demo';
import type { Db } from './db';
import { migrateLatest } from './migrate';
import { createStorage } from './storage';

/** Migrations always run at start-up (in-process: PGlite must never be opened twice). */
export async function prepareDatabase(db: Db, config: Config) {
  const applied = await migrateLatest(db);
  let seeded = false;
  if (config.env !== 'production' && config.demoSeed === 'auto') {
    const { count } = (await db('users').count('* as count').first()) as { count: string };
    if (Number(count) === 0) {
      await seedDemo(db, { storage: createStorage(config) });
      seeded = true;
    }
  }
  return { applied, seeded };
}

/**
 * Outside production a missing SESSION_SECRET is generated once and kept in data/, so
 * sessions survive a restart without asking a first-time user to configure anything.
 */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(path.dirname(config.pgliteDir), 'session-secret');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}
