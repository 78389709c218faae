// npm run jobs:daily: runs the daily jobs once (checkpoint reminders), for a cron entry instead of
// (or besides) JOBS=on in the server. Queued mails are sent right away when SMTP_URL is set,
// otherwise they wait in the outbox. On the embedded database, only while Jalons is not running.
import { loadConfig } from '../config';
import { openDatabase } from '../platform/db';
import { runDailyJobs } from '../platform/jobs';
import { createLogger } from '../platform/logger';
import { createOutbox } from '../platform/mail/outbox';
import { migrateLatest } from '../platform/migrate';
import { createStorage } from '../platform/storage';
import { makeWriter } from '../platform/write';
import { localToday } from '../platform/dates';

process.env.TZ ??= 'Europe/Paris';

(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config);
  try {
    await migrateLatest(database.db);
    const db = database.db;
    const outbox = createOutbox({
      db,
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      logger,
      storage: createStorage(config),
    });
    const { failed } = await runDailyJobs(
      { db, config, logger, write: makeWriter(db), dbKind: database.kind },
      localToday(),
    );
    if (outbox.enabled) await outbox.deliverDue();
    if (failed) process.exitCode = 1;
  } finally {
    await database.close();
  }
})().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
