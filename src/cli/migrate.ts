// npm run migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '../config';
import { openDatabase } from '../platform/db';
import { migrateLatest } from '../platform/migrate';

(async () => {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await migrateLatest(database.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  } finally {
    await database.close();
  }
})().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
