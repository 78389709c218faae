import fs from 'node:fs';

// Kernel clock ticks per second for /proc/<pid>/stat times (100 on Linux everywhere we run).
const TICK_MS = 10;

function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process ended meanwhile
  }
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

/**
 * CPU time used by the Jalons process and by the PostgreSQL server (all children of the
 * postmaster: backends, writer, WAL…), in ms. The machine may be shared: CPU time per request does
 * not grow with other processes' load the way wall-clock latency does, so it gives the cost of a
 * page on this hardware whatever else runs.
 */
export function cpuSnapshot(serverPid: number, postmasterPid: number | null) {
  const pg = postmasterPid ? childrenOf(postmasterPid) : [];
  return {
    server: ticksOf(serverPid) * TICK_MS,
    postgres: pg.reduce((sum, pid) => sum + ticksOf(pid), 0) * TICK_MS,
    pgPids: new Set(pg),
  };
}

export type CpuSnapshot = ReturnType<typeof cpuSnapshot>;

/** CPU ms between two snapshots; PostgreSQL backends that exited in between are not counted (the pool keeps them). */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot) {
  return { server: after.server - before.server, postgres: Math.max(0, after.postgres - before.postgres) };
}

/** The postmaster of the server behind a connection: its data directory's postmaster.pid. */
export function postmasterPidOf(dataDirectory: string): number | null {
  try {
    return Number(fs.readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]) || null;
  } catch {
    return null; // another user's cluster or a remote server: PostgreSQL CPU is then not measured
  }
}

/**
 * Waits until the server has finished what a previous run left in flight (requests cut short by
 * the load generator still run to their end): its CPU use falls below 10% for half a second.
 */
export async function settle(serverPid: number, maxMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const before = ticksOf(serverPid);
    await new Promise((r) => setTimeout(r, 500));
    if ((ticksOf(serverPid) - before) * TICK_MS < 50 || Date.now() - started > maxMs) return;
  }
}
