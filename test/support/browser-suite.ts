import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { launchBrowser, newContext, watchProblems, type PageProblems } from './browser';
import { startTestServer, type TestServer } from './server';

export const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

export type BrowserSuite = { server: TestServer; context: BrowserContext; page: Page; problems: PageProblems };

/**
 * One real Jalons server and one chromium per test file, and a fresh context per test (no
 * cookie, session or language leaks between tests). `bind` receives the current test's objects.
 */
export function useBrowserSuite(bind: (s: BrowserSuite) => void, opts: { acceptDialogs?: boolean } = {}) {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // Buttons that change something important ask for confirmation (data-confirm): the user says yes.
    if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
    bind({ server, context, page, problems });
  });
  afterEach(async () => {
    await context?.close();
  });
}

export const pathOf = (p: Page) => new URL(p.url()).pathname;

/** Clicks something that leads to another page (a link, or a button that posts), and waits until it has loaded. */
export async function clickAndLoad(p: Page, role: 'button' | 'link', name: string, within: Page | Locator = p) {
  await Promise.all([
    p.waitForNavigation({ waitUntil: 'load' }),
    within.getByRole(role, { name, exact: true }).click(),
  ]);
}

/** Logs in through the form, by its labels, as a demo account. */
export async function logIn(p: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await p.goto(`${baseUrl}/login`);
  await p.getByLabel('Adresse e-mail').fill(email);
  await p.getByLabel('Mot de passe').fill(password);
  await clickAndLoad(p, 'button', 'Se connecter');
}
