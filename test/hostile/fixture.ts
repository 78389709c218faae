import type request from 'supertest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { Form, formsOf, linksOf } from './html';
import { addLiveCase } from './live-case';
import { patternOf, registeredRoutes, Route } from '../support/routes';

export type Agent = { agent: ReturnType<typeof request.agent>; csrf: string; email: string; role: string };
export type FoundForm = { role: string; pageUrl: string; route: string; form: Form };
export type Page = { role: string; url: string; route: string };

export type Hostile = {
  t: TestApp;
  routes: Route[];
  agents: Record<string, Agent>;
  pages: Page[];
  /** POST route pattern -> the forms posting to it, as found in the pages (first found first). */
  forms: Map<string, FoundForm[]>;
  liveCase: string;
};

/** Roles in the order their forms are preferred: the people who do most of the writing first. */
const ROLE_ORDER = ['coordinator', 'admin', 'provider', 'beneficiary', 'relay', 'manager', 'funder'];
/** How many concrete pages of one route pattern to read per role: a case in each state (the demo has seven cases, Belfort the oldest), a few of the rest. */
const perPattern = (pattern: string) => (pattern.startsWith('/accompaniments/:id') ? 8 : 3);

/**
 * The demo data set (the Belfort case in follow-up, and cases in intake, diagnostic and
 * consultation), one logged-in agent per demo account, and every page they can reach by
 * following links from the home page, with the forms those pages offer.
 */
export async function hostileApp(): Promise<Hostile> {
  // The demo template's accounts are hashed at the tests' cost: seven logins stay quick.
  const t = await createDemoApp();
  const liveCase = await addLiveCase(t.db);
  const routes = registeredRoutes(t.app);
  const agents: Record<string, Agent> = {};
  for (const account of [...DEMO_ACCOUNTS].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))) {
    const { agent, csrf } = await loginAs(t.app, account.email, DEMO_PASSWORD);
    agents[account.role] = { agent, csrf, email: account.email, role: account.role };
  }
  // A draft progress report on the live case (only drafts offer the edit form).
  const c = agents.coordinator;
  const draft = await c.agent.post(`/accompaniments/${liveCase}/reports`).type('form').send({
    _csrf: c.csrf,
    milestone: 'restitution',
    title: 'Point d’étape',
    period_end: '2026-02-01',
    next_steps: 'Suite.',
    risks: '',
    comment: '',
  });
  if (draft.status !== 302) throw new Error(`draft report not created: ${draft.status}`);
  const pages: Page[] = [];
  const forms = new Map<string, FoundForm[]>();
  for (const a of Object.values(agents)) {
    const visits = new Map<string, number>();
    const queue = ['/'];
    const seen = new Set(queue);
    while (queue.length) {
      const url = queue.shift()!;
      const res = await a.agent.get(url);
      if (res.status >= 500) throw new Error(`${a.role} GET ${url} -> ${res.status} before any hostile input`);
      if (res.status !== 200 || !/text\/html/.test(String(res.headers['content-type']))) continue;
      pages.push({ role: a.role, url, route: patternOf(routes, 'GET', url) ?? url });
      for (const form of formsOf(res.text, url)) {
        const route = patternOf(routes, 'POST', form.action);
        if (!route) continue;
        const list = forms.get(route) ?? [];
        list.push({ role: a.role, pageUrl: url, route, form });
        forms.set(route, list);
      }
      for (const link of linksOf(res.text)) {
        // Query strings are dropped (filters, pages), except the case page's tab: each tab holds other forms.
        const tab = /^\/accompaniments\/\d+(\?tab=[a-z]+)$/.exec(link)?.[1] ?? '';
        const path = link.split('?')[0] + tab;
        if (seen.has(path)) continue;
        const pattern = patternOf(routes, 'GET', link.split('?')[0]);
        if (!pattern) continue;
        const key = pattern + tab;
        const n = visits.get(key) ?? 0;
        if (n >= perPattern(pattern)) continue;
        visits.set(key, n + 1);
        seen.add(path);
        queue.push(path);
      }
    }
  }
  for (const list of forms.values()) list.sort((x, y) => ROLE_ORDER.indexOf(x.role) - ROLE_ORDER.indexOf(y.role));
  return { t, routes, agents, pages, forms, liveCase };
}
