import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run';

// The archive is an ordinary .tar.gz written by the system's tar (GNU tar on Linux, bsdtar on
// macOS and Windows 10+), so an operator can list or unpack it without Jalons.

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `entries` are names inside `staging`; -h follows the files/ link to STORAGE_DIR. */
export async function packArchive(staging: string, entries: string[], outFile: string): Promise<void> {
  const tmp = `${outFile}.part`;
  try {
    await run('tar', ['-czhf', tmp, '-C', staging, ...entries]);
    fs.renameSync(tmp, outFile);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** A .tar.gz is unpacked into a new temporary folder; an already unpacked folder is used as is. */
export async function openArchive(archive: string): Promise<{ dir: string; cleanup: () => void }> {
  if (!fs.existsSync(archive)) throw new Error(`No such backup: ${archive}`);
  if (fs.statSync(archive).isDirectory()) return { dir: archive, cleanup: () => {} };
  const dir = tempDir('jalons-restore-');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await run('tar', ['-xzf', archive, '-C', dir]);
  } catch (err) {
    cleanup();
    throw err;
  }
  return { dir, cleanup };
}

/** jalons-backup-YYYYMMDD-HHMM.tar.gz, in local time (the operator's clock). */
export function archiveName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `jalons-backup-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.tar.gz`;
}
