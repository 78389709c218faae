import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../../src/platform/db';
import { acquireDataDirLock, DataDirLockedError } from '../../src/platform/pglite-lock';

let tmp: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-lock-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
});

function spawnSleep(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function lockError(fn: () => unknown): DataDirLockedError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataDirLockedError);
    return err as DataDirLockedError;
  }
  throw new Error('the lock was granted');
}

describe('data folder lock', () => {
  it('takes a free folder, writing its pid next to it, and gives it back on release', () => {
    const dir = path.join(tmp, 'pglite');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    release(); // twice is harmless
    const again = acquireDataDirLock(dir);
    again();
  });

  it('refuses a folder held by another running process, pointing to DATABASE_URL', () => {
    const dir = path.join(tmp, 'pglite');
    const other = spawnSleep();
    fs.writeFileSync(`${dir}.lock`, String(other.pid));
    const err = lockError(() => acquireDataDirLock(dir));
    expect(err.message).toContain('already open');
    expect(err.message).toContain(String(other.pid));
    expect(err.message).toContain('DATABASE_URL');
    // The other process's lock is left alone.
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(other.pid));
    other.kill();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = path.join(tmp, 'pglite');
    const gone = await pidOfExitedProcess();
    fs.writeFileSync(`${dir}.lock`, String(gone));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  // Creating an embedded database on disk takes seconds on a busy machine: start from the
  // migrated template when the suite has one (PGlite mode), and allow for a slow start.
  const template = () => {
    const file = process.env.JALONS_PGLITE_TEMPLATE;
    return file ? new Blob([fs.readFileSync(file)]) : undefined;
  };

  it('refuses to open the same embedded database twice in one process', async () => {
    const dir = path.join(tmp, 'pglite');
    const first = await openPglite(dir, template());
    try {
      await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      // The first one still works.
      const { rows } = await first.db.raw('select 1 as one');
      expect(rows[0].one).toBe(1);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    // Once closed, it opens again.
    const reopened = await openPglite(dir);
    await reopened.close();
  }, 120_000);
});
