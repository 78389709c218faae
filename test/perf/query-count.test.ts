import { createPortfolio, type Portfolio } from '../factories/volume';
import { binary, createDraft } from '../progress-reports/helpers';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { queriesOf, statementCounts } from '../support/query-counter';
import { TABS, tabUrl, type TabId } from '../../src/accompaniments/tabs';

/**
 * No N+1: each main page sends the same SQL statements, as many times, whether the case has one
 * session, document, deliverable, structure… or twelve, and whether the lists hold one case or
 * twelve. A page that read per row would send more statements for the large portfolio; the
 * failure shows which one.
 */

const SMALL = 1;
const LARGE = 12;

type Role = 'coordinator' | 'provider' | 'funder' | 'relay' | 'beneficiary';
type Agent = Awaited<ReturnType<typeof loginAs>>;
type World = { p: Portfolio; as: Record<Role, Agent>; sentReport: string; draftReport: string; checkpoint: string };

let t: TestApp;
let small: World;
let large: World;

/** A portfolio of n, its users logged in, n progress reports sent to the funder and one draft. */
async function world(n: number): Promise<World> {
  const p = await createPortfolio(t.db, n);
  const coordinator = await loginAs(t.app, p.coordinator.email);
  const reports: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await createDraft(coordinator, p.main, { title: `Rapport ${i + 1}` });
    await coordinator.agent
      .post(`/reports/${id}/send`)
      .type('form')
      .send({ _csrf: coordinator.csrf, lock_version: '0' })
      .expect(302);
    reports.push(id);
  }
  const draftReport = await createDraft(coordinator, p.main, { title: 'Rapport en cours' });
  const checkpoint = String(
    (await t.db('follow_up_checkpoints').where({ accompaniment_id: p.main }).orderBy('offset_months').first('id')).id,
  );
  return {
    p,
    sentReport: reports[0],
    draftReport,
    checkpoint,
    as: {
      coordinator,
      provider: await loginAs(t.app, p.consultant.email),
      funder: await loginAs(t.app, p.funderUser.email),
      relay: await loginAs(t.app, p.relayUser.email),
      beneficiary: await loginAs(t.app, p.beneficiaryUser.email),
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  small = await world(SMALL);
  large = await world(LARGE);
}, 180_000);
afterAll(() => t.close());

type Page = {
  name: string;
  as: Role;
  url: (w: World) => string;
  /** Something only the large portfolio's page shows: proof that the page did list the n rows. */
  shows?: (w: World) => string;
  pdf?: boolean;
};

const acc = (w: World) => `/accompaniments/${w.p.main}`;
const lastCase = (w: World) => `Accompagnement ${w.p.tag} n°${w.p.n}`;
/** What the coordinator's large case shows on a tab, proof that the tab listed its n rows. */
const TAB_SHOWS: Partial<Record<TabId, (w: World) => string>> = {
  overview: (w) => `Structure ${w.p.tag} principale ${LARGE}`,
  outputs: () => `Livrable ${LARGE}`,
};
const ACC_SECTIONS: Role[] = ['coordinator', 'provider', 'funder', 'relay', 'beneficiary'];

const PAGES: Page[] = [
  { name: 'coordinator home', as: 'coordinator', url: () => '/', shows: lastCase },
  { name: 'provider home (workspace)', as: 'provider', url: () => '/', shows: lastCase },
  { name: 'funder home', as: 'funder', url: () => '/', shows: lastCase },
  { name: 'funder portal', as: 'funder', url: () => '/portal', shows: () => `Rapport ${LARGE}` },
  {
    name: 'funder portal, one case',
    as: 'funder',
    url: (w) => `/portal/accompaniments/${w.p.main}`,
    shows: () => `Livrable ${LARGE}`,
  },
  { name: 'relay home', as: 'relay', url: () => '/', shows: lastCase },
  { name: 'beneficiary home', as: 'beneficiary', url: () => '/' },
  { name: 'accompaniments list', as: 'coordinator', url: () => '/accompaniments', shows: lastCase },
  {
    name: 'accompaniments list, filtered',
    as: 'coordinator',
    url: (w) => `/accompaniments?state=delivery&kind=collective&department=90&q=${encodeURIComponent(w.p.tag)}&mine=1`,
    shows: lastCase,
  },
  ...ACC_SECTIONS.flatMap((as) =>
    TABS.map((tab): Page => ({
      name: `accompaniment page, ${tab} tab, as ${as}`,
      as,
      url: (w) => tabUrl(w.p.main, tab),
      shows: as === 'coordinator' ? TAB_SHOWS[tab] : undefined,
    })),
  ),
  // The choices of structures and funders, loaded on their own pages rather than on the overview.
  {
    name: 'add a structure to a case',
    as: 'coordinator',
    url: (w) => `${acc(w)}/beneficiaries/new`,
    shows: (w) => `Structure ${w.p.tag} ${w.p.accIds[LARGE - 1]}`,
  },
  {
    name: 'add a funder to a case',
    as: 'coordinator',
    url: (w) => `${acc(w)}/funding/new`,
    shows: (w) => `Financeur volume ${w.p.tag} (part actuelle`,
  },
  // Sessions only: with every kind, the 12th session falls past the first page of 50 events.
  {
    name: 'timeline',
    as: 'coordinator',
    url: (w) => `${acc(w)}/timeline?kinds=sessions`,
    shows: () => `Séance ${LARGE}`,
  },
  {
    name: 'session page',
    as: 'coordinator',
    url: (w) => `/sessions/${w.p.sessions[0]}`,
    shows: () => `Contact ${LARGE}`,
  },
  { name: 'sessions list', as: 'coordinator', url: (w) => `${acc(w)}/sessions`, shows: () => `Séance ${LARGE}` },
  {
    name: 'attendance of a session',
    as: 'coordinator',
    url: (w) => `/sessions/${w.p.sessions[0]}/attendance`,
    shows: () => `Contact ${LARGE}`,
  },
  { name: 'attendance matrix', as: 'coordinator', url: (w) => `${acc(w)}/attendance`, shows: () => `Contact ${LARGE}` },
  { name: 'deliverable page', as: 'coordinator', url: (w) => `/deliverables/${w.p.deliverables[0]}` },
  {
    name: 'steering committee',
    as: 'coordinator',
    url: (w) => `${acc(w)}/steering-committee`,
    shows: () => `Membre ${LARGE}`,
  },
  { name: 'working groups', as: 'coordinator', url: (w) => `${acc(w)}/working-groups`, shows: () => `Groupe ${LARGE}` },
  {
    name: 'consultation',
    as: 'coordinator',
    url: (w) => `${acc(w)}/consultation`,
    shows: (w) => `Cabinet ${w.p.tag} ${LARGE - 1}`,
  },
  {
    name: 'convention board',
    as: 'coordinator',
    url: (w) => `${acc(w)}/convention`,
    shows: (w) => `Structure ${w.p.tag} principale ${LARGE}`,
  },
  {
    name: 'progress reports list',
    as: 'coordinator',
    url: (w) => `${acc(w)}/reports`,
    shows: () => `Rapport ${LARGE}`,
  },
  {
    name: 'progress report (draft)',
    as: 'coordinator',
    url: (w) => `/reports/${w.draftReport}`,
    shows: () => `Séance ${LARGE}`,
  },
  { name: 'progress report (draft) PDF', as: 'coordinator', url: (w) => `/reports/${w.draftReport}/pdf`, pdf: true },
  {
    name: 'progress report (sent) as funder',
    as: 'funder',
    url: (w) => `/reports/${w.sentReport}`,
    shows: () => `Séance ${LARGE}`,
  },
  { name: 'progress report (sent) PDF', as: 'funder', url: (w) => `/reports/${w.sentReport}/pdf`, pdf: true },
  {
    name: 'close-out',
    as: 'coordinator',
    url: (w) => `${acc(w)}/close-out`,
    shows: (w) => `Structure ${w.p.tag} principale ${LARGE}`,
  },
  {
    name: 'close-out results',
    as: 'coordinator',
    url: (w) => `${acc(w)}/close-out/results`,
    shows: () => `Objectif ${LARGE}`,
  },
  { name: 'case sheet', as: 'coordinator', url: (w) => `${acc(w)}/case-sheet`, shows: () => `Citation ${LARGE}` },
  { name: 'case sheet PDF', as: 'coordinator', url: (w) => `${acc(w)}/case-sheet.pdf`, pdf: true },
  {
    name: 'handoff package as coordinator',
    as: 'coordinator',
    url: (w) => `/handoffs/${w.p.handoffId}`,
    shows: () => `Étape ${LARGE}`,
  },
  {
    name: 'handoff package as relay',
    as: 'relay',
    url: (w) => `/handoffs/${w.p.handoffId}`,
    shows: () => `Livrable ${LARGE}`,
  },
  { name: 'follow-up', as: 'relay', url: (w) => `${acc(w)}/follow-up` },
  { name: 'follow-up checkpoint', as: 'relay', url: (w) => `/checkpoints/${w.checkpoint}` },
  { name: 'indicators (operator)', as: 'coordinator', url: () => '/indicators' },
  { name: 'indicators (funder)', as: 'funder', url: () => '/indicators' },
];

/** Statements per page, small and large portfolio: printed with QUERY_COUNTS=1 (figures for BENCHMARKS.md). */
const counts: { page: string; small: number; large: number }[] = [];
afterAll(() => {
  if (process.env.QUERY_COUNTS) console.log(counts.map((c) => `${c.page}: ${c.small} / ${c.large}`).join('\n'));
});

async function load(w: World, page: Page) {
  const get = () => {
    const req = w.as[page.as].agent.get(page.url(w));
    return page.pdf ? req.buffer(true).parse(binary) : req;
  };
  const { result: res, sql } = await queriesOf(t.db, get);
  if (res.status !== 200) throw new Error(`${page.url(w)} answered ${res.status}: ${String(res.text).slice(0, 800)}`);
  return { res, sql };
}

describe('the number of queries of a page does not grow with what it lists', () => {
  it.each(PAGES)('$name', async (page) => {
    // Once before measuring: anything a first request caches is not what this test is about.
    await load(small, page);
    await load(large, page);
    const one = await load(small, page);
    const many = await load(large, page);
    if (page.shows) {
      expect(many.res.text).toContain(page.shows(large));
    }
    if (page.pdf) {
      expect((many.res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(statementCounts(many.sql)).toEqual(statementCounts(one.sql));
    expect(many.sql.length).toBe(one.sql.length);
    counts.push({ page: page.name, small: one.sql.length, large: many.sql.length });
  });
});
