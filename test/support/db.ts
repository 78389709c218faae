import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Database, openPglite, openPostgres } from '../../src/platform/db';
import { TEMPLATE_DB, withDatabase } from './pg-url';

export const onRealPostgres = Boolean(process.env.DATABASE_URL);

/** A fresh, migrated database for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `jalons_test_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
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
  const file = process.env.JALONS_PGLITE_TEMPLATE;
  if (!file) throw new Error('JALONS_PGLITE_TEMPLATE is not set: run the tests through jest (globalSetup).');
  return openPglite('memory://', new Blob([fs.readFileSync(file)]));
}
