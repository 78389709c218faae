process.env.TZ ??= 'Europe/Paris'; // dates are shown as a French office reads them

import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './platform/db';
import { startDailyJobs } from './platform/jobs';
import { createLogger } from './platform/logger';
import { DataDirLockedError } from './platform/pglite-lock';
import { prepareDatabase, sessionSecret } from './platform/startup';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seeds/demo-accounts';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // A promise nobody awaited (a bug: test/faults/late-query-failure.test.ts shows the kind) would
  // end the process by Node's default, taking every user's requests down during a database
  // outage. It is logged as an error instead, and the server keeps answering.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  const database = await openDatabase(config);
  const { applied, seeded } = await prepareDatabase(database.db, config);
  const { app, deps, close } = buildApp({ db: database.db, config, logger, sessionSecret: sessionSecret(config) });
  deps.outbox.start();
  // JOBS=on: the daily jobs; on PostgreSQL each run holds an advisory lock, so several processes never run one twice at once.
  if (config.jobs) startDailyJobs({ ...deps, dbKind: database.kind });

  const server = app.listen(config.port, () => {
    const where = database.kind === 'pglite' ? `embedded database ${config.pgliteDir}` : 'PostgreSQL (DATABASE_URL)';
    const lines = [
      '',
      `Jalons is running on http://localhost:${config.port} — ${where}`,
      `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s${applied.length ? `, ${applied.length} migration(s) applied` : ''}${seeded ? ', demo data loaded' : ''}.`,
      deps.outbox.enabled
        ? 'E-mail: sent through SMTP_URL.'
        : 'E-mail: no SMTP_URL, messages are kept in the outbox (admin → Boîte d’envoi).',
    ];
    if (config.env !== 'production') {
      lines.push(`Demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(28)} ${a.role}`);
    }
    console.log(lines.join('\n') + '\n');
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close();
    await close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
