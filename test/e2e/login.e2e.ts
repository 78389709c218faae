import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { fr } from '../../src/platform/i18n/fr';
import { en } from '../../src/platform/i18n/en';
import type { PageProblems } from '../support/browser';
import { pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s));

const h1 = (p: Page) => p.getByRole('heading', { level: 1 });

/** Fills the login form by its labels, as a user would, and waits for the next page. */
async function submitLogin(p: Page, email: string, password: string) {
  await p.getByLabel('Adresse e-mail').fill(email);
  await p.getByLabel('Mot de passe').fill(password);
  await Promise.all([
    p.waitForNavigation({ waitUntil: 'load' }),
    p.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

async function logIn(p: Page, email: string) {
  await p.goto(`${server.baseUrl}/login`);
  await submitLogin(p, email, DEMO_PASSWORD);
  expect(pathOf(p)).toBe('/');
}

/** Clicks a button that posts a form, and waits until the page it leads to has loaded. */
async function clickAndLoad(p: Page, name: string) {
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.getByRole('button', { name }).click()]);
}

describe('login in a real browser', () => {
  it('logs in, switches language and back, remembers it, and logs out — without console errors or CSP violations', async () => {
    // An anonymous visitor of the home page lands on the French login page.
    await page.goto(`${server.baseUrl}/`);
    expect(pathOf(page)).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await h1(page).textContent()).toBe('Connexion à Jalons');

    await submitLogin(page, 'coordination@jalons.test', DEMO_PASSWORD);
    expect(pathOf(page)).toBe('/');
    expect(await h1(page).textContent()).toBe('Bonjour Julie Moreau');
    expect(await page.locator('.whoami').textContent()).toContain('Chargé·e de mission DLA');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-coordinator-home.png'), fullPage: true });

    // English, remembered across a reload.
    await clickAndLoad(page, 'English');
    expect(pathOf(page)).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page).textContent()).toBe(en['home.hello'].replace('{name}', 'Julie Moreau'));
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page).textContent()).toBe('Hello Julie Moreau');
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    // Back to French.
    await clickAndLoad(page, 'Français');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await h1(page).textContent()).toBe('Bonjour Julie Moreau');

    // Log out: the login page says so, and the home page is closed again.
    await clickAndLoad(page, 'Se déconnecter');
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByRole('status').textContent()).toContain('Vous êtes déconnecté·e');
    await page.goto(`${server.baseUrl}/`);
    expect(pathOf(page)).toBe('/login');
    expect(await h1(page).textContent()).toBe('Connexion à Jalons');

    expect(problems.all()).toEqual([]);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))(
    '%s sees a French home page with its role',
    async (_email, account) => {
      await logIn(page, account.email);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await h1(page).textContent()).toBe(`Bonjour ${account.name}`);
      const roleSentence = fr[`home.role.${account.role}`];
      expect(await page.locator('main p.lead').first().textContent()).toBe(roleSentence);
      await page.getByText(roleSentence, { exact: true }).waitFor();

      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      const adminLinks = ['Organisations', 'Utilisateurs', 'Boîte d’envoi', 'Journal d’audit'];
      for (const name of adminLinks) {
        expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(account.role === 'admin' ? 1 : 0);
      }
      if (account.role !== 'admin') expect(await nav.getByRole('link', { name: 'Mon organisation' }).count()).toBe(1);

      expect(problems.all()).toEqual([]);
    },
  );

  it('refuses a wrong password in French, keeps the e-mail and moves focus to the error summary', async () => {
    await page.goto(`${server.baseUrl}/login`);
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login',
    );
    await submitLogin(page, 'direction@jalons.test', 'not the password');
    expect((await answer).status()).toBe(401);

    const summary = page.locator('.error-summary');
    expect(await summary.textContent()).toContain('E-mail ou mot de passe incorrect.');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('direction@jalons.test');
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
    // The 401 itself may be logged by the browser; what matters is that nothing was blocked or broke.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });

  it('puts the skip link first for keyboard users', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { tag: el.tagName, text: el.textContent?.trim(), href: el.getAttribute('href') } : null;
    });
    expect(focused).toEqual({ tag: 'A', text: 'Aller au contenu', href: '#main' });
    expect(problems.all()).toEqual([]);
  });
});
