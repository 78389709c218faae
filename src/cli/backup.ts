// npm run backup [-- --out <folder or file.tar.gz>]: one .tar.gz with the database (pg_dump of
// DATABASE_URL, or the embedded database's data folder plus its rows as portable SQL), the
// uploaded files of STORAGE_DIR and a manifest (migrations, row counts, SHA-256 of every file).
// On the embedded database, only while Jalons is not running on it.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createBackup, DEFAULT_BACKUP_DIR } from '../platform/backup/backup';

process.env.TZ ??= 'Europe/Paris';

(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  const { archive, manifest } = await createBackup(config, { out: values.out ?? DEFAULT_BACKUP_DIR });
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  const stored = manifest.files.filter((f) => f.path.startsWith('files/'));
  console.log(`Backup written: ${archive}`);
  console.log(
    `  database: ${manifest.database.kind} ${manifest.database.serverVersion}, ${manifest.migrations.length} migrations, ${Object.keys(manifest.counts).length} tables, ${rows} rows`,
  );
  console.log(
    `  uploaded files: ${stored.length} (${stored.reduce((a, f) => a + f.size, 0)} bytes), ${manifest.counts.documents ?? 0} document rows`,
  );
  if (manifest.database.portableSql)
    console.log(
      `  also ${manifest.database.portableSql}: the rows as SQL, to move to PostgreSQL (see README, Backups)`,
    );
  for (const w of manifest.warnings) console.warn(`  WARNING ${w}`);
})().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
