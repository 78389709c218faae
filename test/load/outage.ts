/**
 * PostgreSQL stopped while users work: pages must answer 503 with the French page, /healthz must
 * say so, and once the server is back Jalons must answer again by itself (no restart).
 */
import { VirtualUser } from './client';
import { sleep, startPostgres, stopPostgres } from './processes';
import type { Check } from './verify';

const FRENCH_503 = 'Service momentanément indisponible';

async function waitFor(what: () => Promise<boolean>, seconds: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if (await what()) return (Date.now() - started) / 1000;
    await sleep(200);
  }
  return null;
}

/** Runs while the virtual users keep going; returns the checks and when service came back. */
export async function outage(probe: VirtualUser, base: string, downSeconds: number, recoverSeconds: number) {
  const checks: Check[] = [];
  const health = () =>
    fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => 0,
    );

  const stoppedAt = Date.now();
  console.log(`  stopping PostgreSQL at ${new Date().toISOString().slice(11, 23)}`);
  await stopPostgres();
  const healthDown = await waitFor(async () => (await health()) === 503, 10);
  checks.push({
    name: '/healthz answers 503 while PostgreSQL is down',
    ok: healthDown !== null,
    detail: healthDown === null ? `got ${await health()}` : `after ${healthDown.toFixed(1)} s`,
  });

  const pages = ['/', '/accompaniments'];
  for (const p of pages) {
    const res = await probe.get(p);
    const french = res.html.includes(FRENCH_503) && res.html.includes('lang="fr"');
    checks.push({
      name: `GET ${p} answers 503 with the French page while down`,
      ok: res.status === 503 && french,
      detail: `status ${res.status} in ${res.ms.toFixed(0)} ms${french ? ', French page' : ', NOT the French 503 page'}`,
    });
  }
  const left = downSeconds * 1000 - (Date.now() - stoppedAt);
  if (left > 0) await sleep(left);

  await startPostgres();
  console.log(`  PostgreSQL started again at ${new Date().toISOString().slice(11, 23)}`);
  const startedAt = Date.now();
  const healthUp = await waitFor(async () => (await health()) === 200, recoverSeconds);
  const pageUp = await waitFor(async () => (await probe.get('/accompaniments')).status === 200, recoverSeconds);
  checks.push({
    name: `/healthz answers 200 again within ${recoverSeconds} s`,
    ok: healthUp !== null,
    detail: healthUp === null ? 'never' : `after ${healthUp.toFixed(1)} s`,
  });
  checks.push({
    name: `pages answer 200 again within ${recoverSeconds} s (same session)`,
    ok: pageUp !== null,
    detail: pageUp === null ? 'never' : `after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  });
  return { checks, recoveredAt: Date.now() };
}
