import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}

/** A fresh context (no cookies, no storage) per test, French unless told otherwise. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'fr-FR', ...options });
}

export type PageProblems = {
  /** console.error messages (including the browser's own "Refused to …" CSP and failed-resource messages). */
  consoleErrors: string[];
  /** Uncaught exceptions thrown by page scripts. */
  pageErrors: string[];
  /** securitypolicyviolation events: the Content-Security-Policy blocked something. */
  cspViolations: string[];
  /** Everything above, for a single `expect(problems.all()).toEqual([])`. */
  all: () => string[];
};

/**
 * Records what would go wrong in a user's browser on every page the context opens.
 * Call before the first navigation.
 */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    all: () => [
      ...problems.consoleErrors.map((m) => `console: ${m}`),
      ...problems.pageErrors.map((m) => `page error: ${m}`),
      ...problems.cspViolations.map((m) => `CSP: ${m}`),
    ],
  };
  // Bindings and init scripts go through the DevTools protocol: the page's CSP does not apply to them.
  await context.exposeBinding('__jalonsCspViolation', (_source, message: string) => {
    problems.cspViolations.push(message);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __jalonsCspViolation: (m: string) => void }).__jalonsCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.consoleErrors.push(`${msg.text()} (${page.url()})`);
    });
    page.on('pageerror', (err) => problems.pageErrors.push(`${err.message} (${page.url()})`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}
