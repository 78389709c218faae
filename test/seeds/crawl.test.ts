import request from 'supertest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, csrfOf, TestApp } from '../support/app';

/**
 * Every page each demo role reaches from its home page, breadth first, on the demo data: no link
 * may answer 404 or 500. Only same-site GET links (<a href>) are followed; forms are never posted,
 * and links that would change something (logout, delete, revoke) are left alone. Files (PDF, CSV,
 * XLSX, ICS) are requested for their status but not read for links.
 */
jest.setTimeout(240_000);

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const MAX_PAGES = 250;
const MAX_DEPTH = 4;
const CHANGES_SOMETHING = /\/(logout|delete|revoke|remove)(\/|$|\?)/;

async function login(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password: DEMO_PASSWORD })
    .expect(302);
  return agent;
}

const decode = (href: string) =>
  href
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** The same-site links of a page, as paths with their query, without the fragment. */
function linksOf(html: string, from: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) {
    const raw = decode(m[1]).trim();
    if (!raw || raw.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
    const url = new URL(raw, `http://jalons.test${from}`);
    if (url.host !== 'jalons.test') continue;
    const path = url.pathname + url.search;
    if (CHANGES_SOMETHING.test(url.pathname)) continue;
    out.push(path);
  }
  return out;
}

type Broken = { url: string; status: number; from: string };

async function crawl(email: string) {
  const agent = await login(email);
  const seen = new Set<string>(['/']);
  const queue: { url: string; from: string; depth: number }[] = [{ url: '/', from: '(login)', depth: 0 }];
  const broken: Broken[] = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const { url, from, depth } = queue.shift()!;
    visited++;
    const res = await agent
      .get(url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status === 404 || res.status >= 500) broken.push({ url, status: res.status, from });
    const html = String(res.headers['content-type'] ?? '').startsWith('text/html');
    if (!html || res.status !== 200 || depth >= MAX_DEPTH) continue;
    for (const link of linksOf((res.body as Buffer).toString('utf8'), url)) {
      if (seen.has(link)) continue;
      seen.add(link);
      queue.push({ url: link, from: url, depth: depth + 1 });
    }
  }
  return { broken, visited, seen: seen.size };
}

describe('the demo crawled as each role', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.role, a.email]))('%s (%s): no link answers 404 or 500', async (_role, email) => {
    const { broken, visited } = await crawl(email);
    // The home page leads somewhere: a crawl of one page would prove nothing.
    expect(visited).toBeGreaterThan(5);
    expect(broken.map((b) => `${b.status} ${b.url} (linked from ${b.from})`)).toEqual([]);
  });
});
