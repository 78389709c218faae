import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../../src/config';

export type Server = { url: string; pid: number; child: ChildProcess; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * What production runs (`npm run start:prod`: the compiled server in dist/, built by
 * test/bench/run.sh), unless BENCH_SERVER=src asks for the TypeScript sources through tsx, whose
 * loader adds its own memory to the process.
 */
export function serverEntry(): string[] {
  const built = path.join(ROOT, 'dist/src/server.js');
  if (process.env.BENCH_SERVER !== 'src' && fs.existsSync(built)) return [built];
  return ['--import', 'tsx', 'src/server.ts'];
}

/**
 * Jalons as its own process (so its memory is measured alone), in production mode against the
 * benchmark database, jobs off, the baseline route on. TRUST_PROXY lets the load generator say
 * "https" (X-Forwarded-Proto) so the production session cookie, marked Secure, is sent back.
 */
export async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-bench-files-'));
  const child = spawn(process.execPath, serverEntry(), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      JOBS: 'off',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      BENCH_BASELINE: 'on',
      STORAGE_DIR: storage,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Jalons is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`Jalons exited (${code}) before listening:\n${out}`)));
  });
  child.stdout.resume();
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(storage, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child, stop };
}

/** VmRSS and VmHWM (peak resident set) of a process, in MB. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resets the peak resident set (VmHWM) so the next reading covers only what follows. */
export function resetPeak(pid: number) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed on some kernels: the peak then covers the whole run (stated in the output).
  }
}
