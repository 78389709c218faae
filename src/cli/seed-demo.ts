// npm run seed:demo: loads (or refreshes) the demo data set. Refused in production.
import { seed } from '../../seeds/demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { loadConfig } from '../config';
import { openDatabase } from '../platform/db';
import { migrateLatest } from '../platform/migrate';
import { createStorage } from '../platform/storage';

(async () => {
  const config = loadConfig();
  if (config.env === 'production')
    throw new Error('The demo data is never loaded in production (NODE_ENV=production).');
  const database = await openDatabase(config);
  try {
    await migrateLatest(database.db);
    await seed(database.db, { storage: createStorage(config) });
    console.log(
      `Demo data loaded. Accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`,
    );
  } finally {
    await database.close();
  }
})().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
