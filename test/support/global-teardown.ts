import fs from 'node:fs';
import { openPostgres } from '../../src/platform/db';
import { TEMPLATE_DB } from './pg-url';

export default async function globalTeardown() {
  const file = process.env.JALONS_PGLITE_TEMPLATE;
  if (file) fs.rmSync(file, { force: true });
  if (process.env.DATABASE_URL) {
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.close();
  }
}
