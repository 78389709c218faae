import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDatabase } from '../support/db';
import { testConfig } from '../support/app';
import type { Database } from '../../src/platform/db';
import type { Express } from 'express';

// What the app logs, as parsed JSON lines, to see the level and whether a stack was written.
const lines: { level: number; msg: string; err?: { stack?: string }; status?: number }[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    cb();
  },
});

let database: Database;
let app: Express;
let close: () => Promise<void>;
beforeAll(async () => {
  database = await createTestDatabase();
  const built = buildApp({
    db: database.db,
    config: testConfig(),
    logger: pino({ level: 'info' }, sink),
    sessionSecret: 'test-secret-'.repeat(4),
  });
  app = built.app;
  close = async () => {
    await built.close();
    await database.close();
  };
}, 120_000);
afterAll(() => close());

const WARN = 40;
const ERROR = 50;

/** Sends a request, then checks the French error page and what was logged for it. */
async function expectClientError(send: () => request.Test, status: number, title: string) {
  lines.length = 0;
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.text).toContain('<html lang="fr">');
  expect(res.text).toContain(title);
  expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack on the page
  await new Promise((r) => setImmediate(r));
  expect(lines.some((l) => l.level >= ERROR)).toBe(false);
  const warned = lines.find((l) => l.msg === 'client error');
  expect(warned?.level).toBe(WARN);
  expect(warned?.status).toBe(status);
  expect(JSON.stringify(warned)).not.toContain('"stack"');
}

describe('client errors are answered as client errors, with the French page and a warning', () => {
  it('a form in an encoding other than UTF-8 (utf-7) → 415', async () => {
    await expectClientError(
      () =>
        request(app)
          .post('/login')
          .set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-7')
          .send('email=a%40b.fr'),
      415,
      'Format d’envoi non pris en charge',
    );
  });

  it('a form with 1,500 fields → 413', async () => {
    const body = Array.from({ length: 1500 }, (_, i) => `f${i}=x`).join('&');
    await expectClientError(() => request(app).post('/login').type('form').send(body), 413, 'Envoi trop volumineux');
  });

  it('an unknown Content-Encoding → 415', async () => {
    await expectClientError(
      () => request(app).post('/login').set('Content-Encoding', 'x-unknown').type('form').send('email=a'),
      415,
      'Format d’envoi non pris en charge',
    );
  });

  it('a malformed body (a gzip header on plain bytes) → 400', async () => {
    await expectClientError(
      () => request(app).post('/login').set('Content-Encoding', 'gzip').type('form').send('email=a'),
      400,
      'Requête invalide',
    );
  });

  it('Accept: application/json on a page gets the page (HTML), not an error', async () => {
    lines.length = 0;
    const res = await request(app).get('/login').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Connexion à Jalons');
    expect(lines.some((l) => l.level >= ERROR)).toBe(false);
  });
});
