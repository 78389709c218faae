/**
 * The processes the load script drives: the Jalons server (a child, as `npm start` runs it) and
 * the throwaway PostgreSQL cluster made by run.sh, stopped and started again through pg_ctl.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function pgCtl(args: string[]) {
  const ctl = required('PG_CTL');
  const asUser = process.env.PG_AS_USER;
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', ctl, ...args]] : [ctl, args];
  return run(cmd, argv, { timeout: 60_000 });
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this script through npm run test:load (test/load/run.sh)`);
  return v;
}

/** Fast shutdown: open transactions are rolled back, connections are cut, as when a server goes down. */
export async function stopPostgres() {
  await pgCtl(['-D', required('PG_DATA'), '-m', 'fast', '-w', 'stop']);
}

export async function startPostgres() {
  const port = required('PG_PORT');
  const socketDir = required('PG_SOCKET_DIR');
  await pgCtl([
    '-D',
    required('PG_DATA'),
    '-w',
    '-l',
    required('PG_LOG'),
    '-o',
    `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
}

export type JalonsProcess = {
  child: ChildProcess;
  base: string;
  logFile: string;
  exited: () => number | null;
  stop: () => Promise<void>;
};

/** Starts `tsx src/server.ts` on the given database; resolves once /healthz answers 200. */
export async function startJalons(opts: {
  databaseUrl: string;
  port: number;
  workDir: string;
}): Promise<JalonsProcess> {
  const logFile = path.join(opts.workDir, 'jalons.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development', // the demo data is loaded on a fresh database outside production
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      JOBS: 'off',
      DEMO_SEED: 'auto',
      LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'warn',
      SESSION_SECRET: 'load-test-secret-'.repeat(3),
      STORAGE_DIR: path.join(opts.workDir, 'files'),
      PGLITE_DIR: path.join(opts.workDir, 'pglite-unused'),
    },
    stdio: ['ignore', out, out],
  });
  // An object, not a `let`: TypeScript does not see the 'exit' callback assign a local, and would narrow it to null.
  const exit: { code: number | null } = { code: null };
  child.on('exit', (c, signal) => (exit.code = c ?? (signal ? 128 : 1)));
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exit.code !== null)
      throw new Error(`Jalons exited with code ${exit.code} while starting; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`Jalons did not answer /healthz within 120 s; see ${logFile}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(250);
  }
  return {
    child,
    base,
    logFile,
    exited: () => exit.code,
    stop: async () => {
      if (exit.code !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10_000)]);
      if (exit.code === null) child.kill('SIGKILL');
    },
  };
}

export function tail(file: string, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
