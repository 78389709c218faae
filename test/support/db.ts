import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Database, openPglite, openPostgres } from '../../src/platform/db';
import { pgliteEngine } from './pglite-engine';
import { DEMO_TEMPLATE_DB, TEMPLATE_DB, withDatabase } from './pg-url';

export const onRealPostgres = Boolean(process.env.DATABASE_URL);

export type TestDatabaseOptions = {
  /**
   * Start from the demo data set (seeds/demo.ts), seeded once per run by the global setup: the
   * same rows as `seed()` on a fresh database, in a copy of this file's own. Its document files are
   * in JALONS_DEMO_FILES (createDemoApp copies them into the app's storage).
   */
  demo?: boolean;
};

/** A fresh, migrated database for one test file, cloned from the template (or the demo template). */
export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `jalons_test_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`CREATE DATABASE ${name} TEMPLATE ${opts.demo ? DEMO_TEMPLATE_DB : TEMPLATE_DB}`);
    const database = openPostgres(withDatabase(process.env.DATABASE_URL, name));
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.db.raw(`DROP DATABASE IF EXISTS ${name}`);
        await admin.close();
      },
    };
  }
  const file = opts.demo ? process.env.JALONS_PGLITE_DEMO_TEMPLATE : process.env.JALONS_PGLITE_TEMPLATE;
  if (!file) throw new Error('JALONS_PGLITE_TEMPLATE is not set: run the tests through jest (globalSetup).');
  return openPglite('memory://', new Blob([fs.readFileSync(file)]), pgliteEngine());
}
