import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { Config, loadConfig } from '../../src/config';
import type { Database, Db } from '../../src/platform/db';
import type { Deps } from '../../src/platform/deps';
import { createLogger } from '../../src/platform/logger';
import { createTestDatabase, type TestDatabaseOptions } from './db';

export type TestApp = { app: Express; db: Db; deps: Deps; database: Database; close: () => Promise<void> };

// Uploaded files of tests go to a throwaway folder of this jest worker, never to ./data/files.
let testFiles: string | undefined;
function testFilesDir() {
  if (!testFiles) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-test-files-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    testFiles = dir;
  }
  return testFiles;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://jalons.test' }),
    passwordCost: 10,
    storageDir: testFilesDir(),
    ...overrides,
  };
}

/** A Jalons app on its own fresh database. */
export async function createTestApp(overrides: Partial<Config> = {}, opts: TestDatabaseOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(opts);
  const config = testConfig(overrides);
  // The demo's document files, where this app reads its uploads (as `seed(db, { storage })` leaves them).
  if (opts.demo && process.env.JALONS_DEMO_FILES)
    fs.cpSync(process.env.JALONS_DEMO_FILES, config.storageDir, { recursive: true });
  const built = buildApp({
    db: database.db,
    config,
    logger: createLogger('silent'),
    sessionSecret: 'test-secret-'.repeat(4),
  });
  return {
    app: built.app,
    db: database.db,
    deps: built.deps,
    database,
    close: async () => {
      await built.close();
      await database.close();
    },
  };
}

/**
 * A Jalons app on its own copy of the demo data set (the Belfort case, one account per role, the
 * smaller cases: what `seed()` writes on a fresh database), seeded once per run by the global
 * setup instead of in every file. Demo accounts log in with DEMO_PASSWORD. The copy is the file's
 * own: a test may change it freely.
 */
export function createDemoApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  return createTestApp(overrides, { demo: true });
}

/** The CSRF token of a rendered page. */
export function csrfOf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token in page');
  return m[1];
}

/** An agent with a session and a CSRF token, before login. */
export async function anonymousAgent(app: Express) {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  return { agent, csrf: csrfOf(page.text) };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Logs in through the real form; returns the agent and a fresh CSRF token. */
export async function loginAs(app: Express, email: string, password = TEST_PASSWORD) {
  const { agent, csrf } = await anonymousAgent(app);
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, email, password });
  if (res.status !== 302) throw new Error(`login failed for ${email}: ${res.status}`);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfOf(home.text) };
}
