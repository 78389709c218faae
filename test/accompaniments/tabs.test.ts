import request from 'supertest';
import { caseUrl, TABS, tabUrl } from '../../src/accompaniments/tabs';
import { scheduleCheckpoints } from '../../src/follow-up/schedule';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { repeatedLandmarks } from '../support/landmarks';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LABELS_FR = [
  'Vue d’ensemble',
  'Diagnostic et cadrage',
  'Déroulement',
  'Livrables et rapports',
  'Clôture et suites',
];
const LABELS_EN = ['Overview', 'Diagnostic and framing', 'Delivery', 'Deliverables and reports', 'Close-out and after'];
const EMPTY_FR = 'Rien à afficher dans cette partie pour le moment.';

/** Where a user finds each part of the case, written out here rather than read from the app. */
const SECTIONS_OF = {
  overview: ['identity', 'beneficiaries', 'funding', 'phases'],
  framing: ['diagnostic', 'consultation', 'conventions', 'envelopes'],
  delivery: ['sessions', 'steering-committee', 'working-groups'],
  outputs: ['deliverables', 'notices', 'progress-reports', 'payments'],
  closing: ['close-out', 'case-sheet', 'handoffs', 'follow-up'],
} as const;

/** The ids of the sections of a page, in page order. */
const sectionsOf = (html: string) => [...html.matchAll(/<section\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);

/** The tab nav of a case page: its label, its links (label, address, current or not) and its section map. */
function tabNav(html: string) {
  const nav = html.match(/<nav class="case-tabs"[\s\S]*?<\/nav>/)?.[0];
  if (!nav) throw new Error('no tab nav on the page');
  const attr = (name: string) => nav.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? '';
  const unescape = (s: string) =>
    s
      .replace(/&#34;|&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return {
    label: attr('aria-label'),
    links: [...nav.matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g)].map((m) => ({
      href: unescape(m[1]),
      current: !!m[2],
      label: m[3],
    })),
    sectionTabs: JSON.parse(unescape(attr('data-section-tabs'))) as Record<string, string>,
  };
}

/**
 * A case at the close-out with something in every part: a structure, a funder, phases, a signed-for
 * convention, a follow-up checkpoint. The coordinator sees every section of every tab.
 */
async function fullCase() {
  const { operator, coordinator } = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: operator.id,
    coordinatorId: coordinator.id,
    state: 'close_out',
    structures: 1,
    intakeOn: '2015-09-01',
    title: `Dossier complet ${Date.now().toString(36)}`,
  });
  const funder = await createOrganisation(t.db, { kind: 'funder' });
  await t.db('accompaniment_funding').insert({ accompaniment_id: acc.id, funder_id: funder.id, amount_eur: 7000 });
  await t
    .db('phases')
    .insert({ accompaniment_id: acc.id, position: 1, name: 'Projet politique des structures', status: 'done' });
  const [doc] = await t
    .db('documents')
    .insert({
      accompaniment_id: acc.id,
      purpose: 'convention',
      filename: 'convention-v1.pdf',
      mime_type: 'application/pdf',
      size_bytes: 1000,
      sha256: 'b'.repeat(64),
      storage_key: `tabs-${acc.id}`,
    })
    .returning('id');
  await t
    .db('conventions')
    .insert({ accompaniment_id: acc.id, version: 1, document_id: doc.id, sha256: 'b'.repeat(64) });
  await t.db.transaction((trx) => scheduleCheckpoints(trx, acc.id, '2016-12-15', [6]));
  return { operator, coordinator, funder, acc };
}

describe('the tabs of an accompaniment', () => {
  it('lists the five parts in French in a nav, marking the one shown, with the header on every tab', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    for (const [i, tab] of TABS.entries()) {
      const page = await agent.get(tabUrl(acc.id, tab)).expect(200);
      const nav = tabNav(page.text);
      expect(nav.label).toBe('Parties du dossier');
      expect(nav.links.map((l) => l.label)).toEqual(LABELS_FR);
      expect(nav.links.map((l) => l.href)).toEqual(TABS.map((tb) => tabUrl(acc.id, tb)));
      expect(nav.links.filter((l) => l.current).map((l) => l.label)).toEqual([LABELS_FR[i]]);
      // The header and the lifecycle stay on every tab.
      expect(page.text).toContain('<h1>Dossier complet');
      expect(page.text).toContain('id="lifecycle-title"');
      expect(page.text).not.toContain(EMPTY_FR);
    }
  });

  it('shows on each tab its own sections and none of the other tabs’', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    for (const tab of TABS) {
      const page = await agent.get(tabUrl(acc.id, tab)).expect(200);
      expect(sectionsOf(page.text)).toEqual([...SECTIONS_OF[tab]]);
      for (const other of TABS.filter((tb) => tb !== tab)) {
        for (const id of SECTIONS_OF[other]) expect(page.text).not.toContain(`id="${id}"`);
      }
    }
  });

  it('opens on the overview: identity, structures, funding and phases', async () => {
    const { coordinator, funder, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toContain('id="identity-title"');
    expect(page.text).toContain(`href="/structures/${acc.structures[0].id}"`);
    expect(page.text).toContain(funder.name);
    expect(page.text).toContain('Projet politique des structures');
    expect(tabNav(page.text).links[0]).toMatchObject({ current: true, label: 'Vue d’ensemble' });
  });

  it('answers an unknown or hostile tab with the overview, never an error', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const queries = [
      'tab=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'tab[]=x',
      'tab[delivery]=1',
      'tab=delivery&tab=outputs',
      'tab=',
      'tab=DELIVERY',
      'tab=__proto__',
      'tab=constructor',
      'tab=' + 'x'.repeat(5000),
    ];
    for (const q of queries) {
      const page = await agent.get(`/accompaniments/${acc.id}?${q}`);
      expect([q, page.status]).toEqual([q, 200]);
      expect(sectionsOf(page.text)).toEqual([...SECTIONS_OF.overview]);
      expect(
        tabNav(page.text)
          .links.filter((l) => l.current)
          .map((l) => l.label),
      ).toEqual(['Vue d’ensemble']);
      expect(page.text).not.toContain('<script>alert(1)');
    }
    // A NUL byte is refused as in any query string of the app (422), still not a 500.
    expect((await agent.get(`/accompaniments/${acc.id}?tab=%00`)).status).toBe(422);
  });

  it('says so when a tab has nothing to show this user yet', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      structures: 1,
    });
    const { agent } = await loginAs(t.app, coordinator.email);
    // A case at intake has no close-out, case sheet, handoff or follow-up yet.
    const closing = await agent.get(tabUrl(acc.id, 'closing')).expect(200);
    expect(closing.text).toContain(EMPTY_FR);
    expect(sectionsOf(closing.text)).toEqual([]);
    expect(
      tabNav(closing.text)
        .links.filter((l) => l.current)
        .map((l) => l.label),
    ).toEqual(['Clôture et suites']);
    for (const tab of TABS.filter((tb) => tb !== 'closing')) {
      expect((await agent.get(tabUrl(acc.id, tab)).expect(200)).text).not.toContain(EMPTY_FR);
    }
  });

  it('maps every section anchor to its tab in the nav, for old links to /accompaniments/1#notices', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const expected = Object.fromEntries(
      Object.entries(SECTIONS_OF).flatMap(([tab, ids]) => ids.map((id) => [id, tab])),
    );
    for (const tab of TABS) {
      const page = await agent.get(tabUrl(acc.id, tab)).expect(200);
      const { sectionTabs } = tabNav(page.text);
      expect(sectionTabs).toEqual(expected);
      for (const id of sectionsOf(page.text)) expect([id, sectionTabs[id]]).toEqual([id, tab]);
    }
  });
});

describe('after a change, back to the tab of its section', () => {
  it('records a notice and lands on the outputs tab, at the notices', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(tabUrl(acc.id, 'outputs')).expect(200);
    const res = await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        kind: 'cdiae_informed',
        on_date: '2016-01-12',
        recipients: 'CDIAE du Territoire de Belfort',
        content: '',
      })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(acc.id, 'notices'));
    expect(res.headers.location).toBe(`/accompaniments/${acc.id}?tab=outputs#notices`);
    const after = await agent.get(res.headers.location.split('#')[0]).expect(200);
    expect(after.text).toContain('Information enregistrée.');
    expect(after.text).toContain('CDIAE du Territoire de Belfort');
    expect(
      tabNav(after.text)
        .links.filter((l) => l.current)
        .map((l) => l.label),
    ).toEqual(['Livrables et rapports']);
  });

  it('adds a committee member from the committee page, which the delivery tab shows; a structure lands on the overview', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const member = await agent
      .post(`/accompaniments/${acc.id}/steering-committee/members`)
      .type('form')
      .send({ _csrf: csrf, person: `user:${coordinator.id}`, name: '', organisation_id: '', role: '' })
      .expect(302);
    // A committee is composed several members in a row: back to its page.
    expect(member.headers.location).toBe(`/accompaniments/${acc.id}/steering-committee`);
    const committee = await agent.get(member.headers.location).expect(200);
    expect(committee.text).toContain('est ajouté·e au comité de pilotage.');
    expect(committee.text).toContain(`href="${caseUrl(acc.id, 'steering-committee')}"`);
    const delivery = await agent.get(tabUrl(acc.id, 'delivery')).expect(200);
    expect(sectionsOf(delivery.text)).toContain('steering-committee');
    const section = /<section[^>]*id="steering-committee"[\s\S]*?<\/section>/.exec(delivery.text)![0];
    expect(section).toContain(coordinator.name);
    expect(section).toContain('<strong>1 membre</strong>');

    const structure = await createOrganisation(t.db, { kind: 'structure' });
    const added = await agent
      .post(`/accompaniments/${acc.id}/beneficiaries`)
      .type('form')
      .send({ _csrf: csrf, organisation_id: structure.id, joined_on: '2016-01-10' })
      .expect(302);
    expect(added.headers.location).toBe(`/accompaniments/${acc.id}#beneficiaries`);
  });

  it('goes from the overview to the pages that add a structure or a funder, and back to the overview at its section', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const overview = await agent.get(tabUrl(acc.id, 'overview')).expect(200);
    for (const [label, path, section] of [
      ['Ajouter une structure', 'beneficiaries/new', 'beneficiaries'],
      ['Ajouter un financeur', 'funding/new', 'funding'],
    ] as const) {
      expect(overview.text).toContain(`href="/accompaniments/${acc.id}/${path}">${label}</a>`);
      const page = await agent.get(`/accompaniments/${acc.id}/${path}`).expect(200);
      expect(page.text).toContain(`<p class="breadcrumb"><a href="${caseUrl(acc.id, section)}">`);
      expect(page.text).toContain(`<a href="${caseUrl(acc.id, section)}">Annuler</a>`);
      expect(caseUrl(acc.id, section)).toBe(`/accompaniments/${acc.id}#${section}`);
    }
  });
});

describe('who sees the tabs', () => {
  it('speaks English to an English reader', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      structures: 1,
    });
    const english = await createUser(t.db, { role: 'manager', organisation_id: operator.id, locale: 'en' });
    const { agent } = await loginAs(t.app, english.email);
    const page = await agent.get(tabUrl(acc.id, 'closing')).expect(200);
    const nav = tabNav(page.text);
    expect(nav.label).toBe('Parts of the case');
    expect(nav.links.map((l) => l.label)).toEqual(LABELS_EN);
    expect(nav.links.filter((l) => l.current).map((l) => l.label)).toEqual(['Close-out and after']);
    expect(page.text).toContain('Nothing to show in this part yet.');
    expect(page.text).not.toContain(EMPTY_FR);
    for (const label of LABELS_FR) expect(page.text).not.toContain(label);
  });

  it('keeps every tab closed to users outside the case, whatever the tab asked for', async () => {
    const { funder, acc } = await fullCase();
    const outsiders = [
      (await createOperatorTeam(t.db)).coordinator,
      await createUser(t.db, { role: 'provider' }),
      await createUser(t.db, { role: 'funder' }),
      await createUser(t.db, { role: 'beneficiary' }),
      await createUser(t.db, { role: 'relay' }),
    ];
    const urls = [
      ...TABS.map((tab) => tabUrl(acc.id, tab)),
      `/accompaniments/${acc.id}?tab=%3Cscript%3E`,
      `/accompaniments/${acc.id}?tab[]=x`,
    ];
    for (const user of outsiders) {
      const { agent } = await loginAs(t.app, user.email);
      for (const url of urls) {
        const res = await agent.get(url);
        // Out of scope looks like nonexistent, as on the page before the tabs.
        expect([user.role, url, res.status]).toEqual([user.role, url, 404]);
        expect(res.text).not.toContain('Dossier complet');
      }
    }
    for (const url of urls) expect((await request(t.app).get(url).expect(302)).headers.location).toMatch(/^\/login/);
    // The case's own funder still opens every tab.
    const own = await createUser(t.db, { role: 'funder', organisation_id: funder.id });
    const { agent } = await loginAs(t.app, own.email);
    for (const tab of TABS) await agent.get(tabUrl(acc.id, tab)).expect(200);
  });
});

describe('« Sur cette page » on a tab of several sections (issue 21)', () => {
  const onThisPage = (html: string) =>
    html.match(/<nav class="on-this-page" aria-labelledby="on-this-page-title">[\s\S]*?<\/nav>/)?.[0];

  it('links each section of the tab to its heading, in page order, and names the nav once', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    for (const tab of TABS.filter((tb) => tb !== 'overview')) {
      const page = await agent.get(tabUrl(acc.id, tab)).expect(200);
      const nav = onThisPage(page.text);
      expect(nav).toContain('<h2 id="on-this-page-title" class="on-this-page__title">Sur cette page</h2>');
      const links = [...nav!.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]] as const);
      expect(links.map(([id]) => id)).toEqual([...SECTIONS_OF[tab]]);
      // Each link reads as the heading it leads to.
      for (const [id, label] of links)
        expect(page.text).toMatch(new RegExp(`<h2 id="${id}-title">\\s*${label}\\s*</h2>`));
      expect(repeatedLandmarks(page.text)).toEqual([]);
    }
  });

  it('is not there on the overview, nor on a tab of one section or none', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    expect(onThisPage((await agent.get(tabUrl(acc.id, 'overview')).expect(200)).text)).toBeUndefined();
    const { operator, coordinator: other } = await createOperatorTeam(t.db);
    const early = await createAccompaniment(t.db, { operatorId: operator.id, coordinatorId: other.id, structures: 1 });
    const { agent: otherAgent } = await loginAs(t.app, other.email);
    expect(onThisPage((await otherAgent.get(tabUrl(early.id, 'closing')).expect(200)).text)).toBeUndefined();
  });

  it('comes with the main menu’s button, hidden until the script folds the menu on a phone', async () => {
    const { coordinator, acc } = await fullCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(tabUrl(acc.id, 'delivery')).expect(200);
    expect(page.text).toMatch(
      /<button type="button" class="main-nav__toggle" aria-expanded="false" aria-controls="main-nav-list" hidden>[\s\S]*?Menu<\/button>\s*<ul id="main-nav-list">/,
    );
  });
});
