import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './run';

// pg_dump and pg_restore must be at least as new as the server (resp. the dump). Debian installs
// each major under /usr/lib/postgresql/<major>/bin; PG_BIN points at another folder.

function majorOf(bin: string): number | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = r.status === 0 ? /\)\s+(\d+)/.exec(r.stdout) : null;
  return m ? Number(m[1]) : null;
}

function candidates(tool: string): string[] {
  if (process.env.PG_BIN) return [path.join(process.env.PG_BIN, tool)];
  const root = '/usr/lib/postgresql';
  const debian = fs.existsSync(root) ? fs.readdirSync(root).map((v) => path.join(root, v, 'bin', tool)) : [];
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((d) => path.join(d, tool));
  return [...debian, ...onPath].filter((f) => fs.existsSync(f));
}

/** The newest `tool` found whose major version is at least `minMajor`. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', minMajor: number): { bin: string; major: number } {
  const found = candidates(tool)
    .map((bin) => ({ bin, major: majorOf(bin) }))
    .filter((c): c is { bin: string; major: number } => c.major !== null)
    .sort((a, b) => b.major - a.major);
  const best = found[0];
  if (!best || best.major < minMajor) {
    const seen = found.length ? found.map((c) => `${c.bin} (${c.major})`).join(', ') : 'none';
    throw new Error(
      `${tool} ${minMajor} or later is needed (found: ${seen}). Install the PostgreSQL client ` +
        `(Debian: apt-get install postgresql-client-${minMajor}) or set PG_BIN to its bin folder.`,
    );
  }
  return best;
}

/** The URL without its password, which goes in PGPASSWORD so it does not show in `ps`. */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env };
}

export async function pgDump(
  url: string,
  file: string,
  opts: { serverMajor: number; snapshot: string },
): Promise<number> {
  const { bin, major } = findPgTool('pg_dump', opts.serverMajor);
  const c = connection(url);
  await run(
    bin,
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--snapshot=${opts.snapshot}`,
      `--file=${file}`,
      `--dbname=${c.url}`,
    ],
    c.env,
  );
  return major;
}

export async function pgRestore(url: string, file: string, dumpMajor: number): Promise<void> {
  const { bin } = findPgTool('pg_restore', dumpMajor);
  const c = connection(url);
  await run(
    bin,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${c.url}`, file],
    c.env,
  );
}
