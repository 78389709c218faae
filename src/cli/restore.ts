// npm run restore -- <backup.tar.gz> [--force]: restores a backup made by npm run backup into the
// configured database (DATABASE_URL, or the embedded one) and STORAGE_DIR, which must be empty
// unless --force; then checks every table's row count and every file's SHA-256.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { restoreBackup } from '../platform/backup/restore';

process.env.TZ ??= 'Europe/Paris';

(async () => {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('Usage: npm run restore -- <jalons-backup-….tar.gz> [--force]');
  const config = loadConfig();
  const s = await restoreBackup(config, positionals[0], { force: values.force });
  console.log(
    `Restored ${positionals[0]} (made ${s.manifest.createdAt} by Jalons ${s.manifest.jalonsVersion}, ${s.manifest.database.kind})`,
  );
  console.log(`  into: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.pgliteDir} by ${s.method}`);
  console.log(`  checked: ${s.tables} tables, ${s.rows} rows, counts equal to the backup's`);
  console.log(
    `  checked: ${s.files} files (${s.bytes} bytes) in ${config.storageDir}, SHA-256 equal; ${s.documents} document rows, ${s.manifest.warnings.length ? `${s.manifest.warnings.length} without their file in the backup already` : 'each with its file'}`,
  );
  if (s.movedAside) console.log(`  the previous embedded database was moved to ${s.movedAside}`);
  for (const w of s.manifest.warnings) console.warn(`  WARNING (already in the backup) ${w}`);
})().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
