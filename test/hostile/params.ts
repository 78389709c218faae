import fc from 'fast-check';
import { compile, match } from 'path-to-regexp';
import { anonymousAgent } from '../support/app';
import type { Agent, Hostile } from './fixture';
import { encode, markupIn } from './payloads';
import { paramsOf } from '../support/routes';

/** Route parameters as a hand-made URL can carry them, already percent-encoded. */
const ENCODED = [
  'abc',
  '0',
  '-1',
  '1.5',
  '1e308',
  '99999999999999999999',
  '9'.repeat(400),
  'NaN',
  'Infinity',
  '0x10',
  '%20',
  '%00',
  '1%00',
  '%ED%A0%80',
  '%C0%AF',
  '%25',
  '%',
  '%E2%80%AE1',
  '%F0%9F%98%80',
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%201%3D1--',
  '1%3B%20DROP%20TABLE%20users',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
];
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ENCODED),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((text) => encode({ text })),
  // Beyond bigint, either way: a real id would be a valid answer, these never are.
  fc.bigInt({ min: 2n ** 63n, max: 2n ** 90n }).map((n) => (n % 2n ? String(n) : `-${n}`)),
);

/** Public routes: their parameter is a token an anonymous visitor holds. */
const ANONYMOUS = new Set(['/password/reset/:token', '/invitation/:token', '/calendar/:token.ics']);
const ADMIN_AREAS = /^\/(users|organisations|outbox|audit)/;

/**
 * Every parameter of every route, replaced by hostile values while the others keep a real
 * record's id (read from the crawled pages and forms): the answer is a refusal (400, 403, 404,
 * 410 for a link no longer valid), never a 500, never a payload rendered as markup.
 */
export async function hostileParameterFailures(h: Hostile, opts: { seed: number; numRuns: number }): Promise<string[]> {
  const concrete = new Map<string, { role: string; url: string }>();
  for (const p of h.pages)
    if (!concrete.has(`GET ${p.route}`)) concrete.set(`GET ${p.route}`, { role: p.role, url: p.url });
  for (const [route, found] of h.forms)
    concrete.set(`POST ${route}`, { role: found[0].role, url: found[0].form.action });
  const failures: string[] = [];
  const routes = h.routes.filter((r) => paramsOf(r.path).length && !(r.method === 'POST' && r.path === '/logout'));
  for (const r of routes) {
    const known = concrete.get(`${r.method} ${r.path}`);
    const real = (known && match(r.path, { decode: false })(known.url.split('?')[0])) || null;
    const base: Record<string, string> = real
      ? (real.params as Record<string, string>)
      : Object.fromEntries(paramsOf(r.path).map((p) => [p, '1']));
    const role = ANONYMOUS.has(r.path)
      ? 'anonymous'
      : (known?.role ?? (ADMIN_AREAS.test(r.path) ? 'admin' : 'coordinator'));
    const agent: Pick<Agent, 'agent' | 'csrf'> = role === 'anonymous' ? await anonymousAgent(h.t.app) : h.agents[role];
    const toPath = compile(r.path, { encode: false });
    const property = fc.asyncProperty(fc.constantFrom(...paramsOf(r.path)), hostileParam, async (name, value) => {
      const url = toPath({ ...base, [name]: value });
      const res =
        r.method === 'GET'
          ? await agent.agent.get(url)
          : await agent.agent.post(url).type('form').send({ _csrf: agent.csrf, name: 'x', reason: 'x' });
      const refused = [400, 403, 404, 410, 422].includes(res.status);
      const markup = markupIn(res.text ?? '');
      if (!refused || markup)
        throw new Error(`${r.method} ${url} -> ${res.status}${markup ? ` markup: ${markup}` : ''}`);
    });
    try {
      await fc.assert(property, {
        seed: opts.seed,
        numRuns: opts.numRuns,
        endOnFailure: true,
        examples: paramsOf(r.path).flatMap(
          (p) =>
            [
              [p, '%00'],
              [p, '99999999999999999999'],
              [p, '%'],
            ] as [string, string][],
        ),
      });
    } catch (err) {
      const line = String((err as Error).message)
        .split('\n')
        .find((l) => /-> \d{3}/.test(l));
      failures.push(`${role} ${r.method} ${r.path}: ${line ?? String((err as Error).message).slice(0, 300)}`);
    }
  }
  return failures;
}
