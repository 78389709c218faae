import os from 'node:os';
import type { ExportResult } from './measure/export';
import type { PageResult } from './measure/load';
import type { UsersResult } from './measure/users';

// Targets of issue 8 on a 2-core machine.
const P95_MS = 50;
const PDF_P95_MS = 300;
const MIN_RATIO = 1 / 3;
const EXPORT_S = 30;
const EXPORT_MB = 300;
// Issue 20: the national annual report (every operator) answers in under 5 s.
const ANNUAL_REPORT_S = 5;

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/**
 * Throughput the page would reach on an otherwise idle machine, from its CPU cost: Node runs the
 * page on one core, PostgreSQL on the others, and the two together cannot use more than all cores.
 */
export function capacity(r: PageResult, cores: number) {
  const total = r.serverCpuMs + r.postgresCpuMs;
  if (!(r.serverCpuMs > 0) || !(total > 0)) return NaN;
  return Math.min(1000 / r.serverCpuMs, (cores * 1000) / total);
}

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '| ' +
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') +
    ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

/** The mean of several runs of the same page (the baseline's). */
function meanOf(runs: PageResult[]): PageResult {
  const avg = (f: (r: PageResult) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
  return {
    ...runs[0],
    requests: Math.round(avg((r) => r.requests)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    rps: avg((r) => r.rps),
    p50: avg((r) => r.p50),
    p95: avg((r) => r.p95),
    p99: avg((r) => r.p99),
    serverCpuMs: avg((r) => r.serverCpuMs),
    postgresCpuMs: avg((r) => r.postgresCpuMs),
  };
}

/**
 * The results table: latencies, throughput, ratio to the baseline route, and pass/fail per target.
 * `baselines` has one run before the first page and one after each page: page i is compared with
 * the mean of runs i and i + 1, the baseline as measured around it.
 */
export function printPages(
  baselines: PageResult[],
  results: PageResult[],
  single: Record<string, number>,
  o: { connections: number; duration: number; serverPeakMb: number; cores: number },
) {
  const baseline = meanOf(baselines);
  const rates = baselines.map((b) => b.rps);
  console.log(
    `\nPages, ${o.connections} connections, ${o.duration} s each; load average now ${os.loadavg()[0].toFixed(2)} on ${o.cores} cores.`,
  );
  console.log(
    'Latencies in ms ("1 user" = mean of 5 sequential requests). "cpu" = CPU ms per request of Jalons / of PostgreSQL;',
  );
  console.log(
    '"cap" = req/s those costs allow on this machine when nothing else runs, "cap ratio" its ratio to the baseline\'s.',
  );
  console.log(
    `The baseline ran ${baselines.length} times, before the first page and after each: ${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)} req/s.`,
  );
  console.log(
    'Each page is compared with the two baseline runs around it ("baseline next to it"); the baseline row is their mean.\n',
  );
  const head = [
    'page',
    '1 user',
    'p50',
    'p95',
    'p99',
    'req/s',
    'baseline next to it',
    'ratio',
    'cpu node/pg',
    'cap',
    'cap ratio',
    'errors',
    'ratio ≥ 1/3 (measured; from cpu)',
  ];
  const row = (r: PageResult, around: PageResult) => {
    const ratio = r.rps / around.rps;
    const capRatio = capacity(r, o.cores) / capacity(around, o.cores);
    const cap = capacity(r, o.cores);
    const targets =
      r === baseline
        ? '(baseline)'
        : `${verdict(ratio >= MIN_RATIO)}; ${Number.isFinite(capRatio) ? verdict(capRatio >= MIN_RATIO) : '—'}`;
    return [
      r.name,
      ms(single[r.path]),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      r.rps.toFixed(1),
      around.rps.toFixed(1),
      ratio.toFixed(2),
      `${r.serverCpuMs.toFixed(1)}/${r.postgresCpuMs.toFixed(1)}`,
      Number.isFinite(cap) ? cap.toFixed(0) : '—',
      Number.isFinite(capRatio) ? capRatio.toFixed(2) : '—',
      String(r.errors),
      r.errors ? `${targets}; ${r.errors} ERRORS` : targets,
    ];
  };
  table(head, [row(baseline, baseline), ...results.map((r, i) => row(r, meanOf([baselines[i], baselines[i + 1]])))]);
  console.log(`\nServer peak memory (VmHWM) after the page runs: ${o.serverPeakMb.toFixed(0)} MB`);
}

/** Latency seen by people using the pages at the same time, with think time: the p95 targets. */
export function printUsers(
  pages: { name: string; path: string }[],
  results: UsersResult[],
  o: { users: number; duration: number; thinkMs: number },
) {
  console.log(
    `\n${o.users} people using each page for ${o.duration} s, each waiting a think time of ${o.thinkMs} ms on average (exponential) between pages.\n`,
  );
  const head = ['page', 'requests', 'req/s', 'p50', 'p95', 'p99', 'errors', 'target'];
  const rows = results.map((r, i) => {
    const limit = r.path.endsWith('/pdf') ? PDF_P95_MS : P95_MS;
    const target = `p95 < ${limit} ms ${verdict(r.p95 < limit && r.errors === 0)}`;
    return [
      pages[i].name,
      String(r.requests),
      r.rps.toFixed(1),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      String(r.errors),
      target,
    ];
  });
  table(head, rows);
}

export function printExport(path: string, x: ExportResult) {
  const ok = x.status === 200 && x.seconds < EXPORT_S && x.serverPeakMb < EXPORT_MB;
  console.log(`\nNational XLSX export (admin, ${path}):`);
  console.log(
    `  status ${x.status} (${x.contentType}), ${(x.bytes / 2 ** 20).toFixed(1)} MB in ${x.seconds.toFixed(1)} s; ` +
      `server memory ${x.rssBeforeMb.toFixed(0)} MB before, peak ${x.serverPeakMb.toFixed(0)} MB during`,
  );
  console.log(`  targets: < ${EXPORT_S} s and server < ${EXPORT_MB} MB: ${verdict(ok)}`);
}

/** Issue 20: the national annual report's page (each request's time) and its XLSX (time, server memory). */
export function printAnnualReport(paths: { page: string; xlsx: string }, seconds: number[], x: ExportResult) {
  const pageOk = seconds.length > 0 && seconds.every((s) => s < ANNUAL_REPORT_S);
  console.log(`\nNational annual report (admin, ${paths.page}):`);
  console.log(`  ${seconds.map((s) => `${s.toFixed(2)} s`).join(', ')} (first request cold)`);
  console.log(`  target: every request < ${ANNUAL_REPORT_S} s: ${verdict(pageOk)}`);
  const ok = x.status === 200 && x.serverPeakMb < EXPORT_MB;
  console.log(
    `  its XLSX (${paths.xlsx}): status ${x.status} (${x.contentType}), ${(x.bytes / 2 ** 20).toFixed(1)} MB in ${x.seconds.toFixed(1)} s;`,
  );
  console.log(
    `  server memory ${x.rssBeforeMb.toFixed(0)} MB before, peak ${x.serverPeakMb.toFixed(0)} MB during; target < ${EXPORT_MB} MB: ${verdict(ok)}`,
  );
}
