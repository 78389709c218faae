import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * PGlite has no lock of its own and two processes on one data folder lose data silently,
 * so the first process writes its pid next to the folder and any other one is refused.
 * A lock left by a process that no longer runs is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isRunning(pid)) {
        throw new DataDirLockedError(
          `The embedded database ${dataDir} is already open by process ${pid}. ` +
            'Stop that Jalons first (two processes on one embedded database lose data), ' +
            'or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      if (pid === process.pid) {
        throw new DataDirLockedError(`The embedded database ${dataDir} is already open in this process.`);
      }
      fs.unlinkSync(lockPath); // stale lock: its process is gone
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database ${dataDir}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
