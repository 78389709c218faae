import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { formatEuros, formatNumber } from '../../src/platform/i18n';
import { fr } from '../../src/platform/i18n/fr';
import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createDeliverable } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, createDemoApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix} ${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A stored file of the case (bytes in the storage, row in documents), as the real upload paths leave it. */
async function storedDocument(db: Db, accompanimentId: string, purpose: string, filename: string) {
  const bytes = tinyPdf(filename);
  const key = `${purpose}/${randomBytes(8).toString('hex')}`;
  await t.deps.storage.put(key, bytes);
  const [{ id }] = await db('documents')
    .insert({
      accompaniment_id: accompanimentId,
      purpose,
      filename,
      mime_type: 'application/pdf',
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storage_key: key,
    })
    .returning('id');
  return { id: String(id), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A progress report row; a sent one carries its frozen PDF, hash, time and recipients. */
async function report(
  db: Db,
  accompanimentId: string,
  opts: { title: string; status: 'draft' | 'sent'; sentAt?: string; to?: string[] },
) {
  const doc =
    opts.status === 'sent' ? await storedDocument(db, accompanimentId, 'progress_report', 'rapport.pdf') : null;
  const [{ id }] = await db('progress_reports')
    .insert({
      accompaniment_id: accompanimentId,
      title: opts.title,
      milestone: 'convention_signed',
      status: opts.status,
      document_id: doc?.id ?? null,
      sha256: doc?.sha256 ?? null,
      sent_at: doc ? (opts.sentAt ?? new Date().toISOString()) : null,
    })
    .returning('id');
  for (const funderId of opts.to ?? []) {
    await db('progress_report_recipients').insert({
      report_id: id,
      funder_id: funderId,
      email: `contact-${funderId}-${id}@example.test`,
    });
  }
  return { id: String(id), sha256: doc?.sha256 ?? null };
}

async function funderOrg(name = uniq('Financeur')) {
  const org = await createOrganisation(t.db, { kind: 'funder', name });
  const user = await createUser(t.db, { role: 'funder', organisation_id: org.id });
  return { org, user };
}

const fund = (accompanimentId: string, funderId: string, amount: number) =>
  t.db('accompaniment_funding').insert({ accompaniment_id: accompanimentId, funder_id: funderId, amount_eur: amount });

/** The table row (<tr>…</tr>) of a page that contains a text. */
function rowWith(html: string, text: string) {
  const rows = html.split('<tr').filter((r) => r.includes(text));
  expect(rows).toHaveLength(1);
  return rows[0].replace(/[ \t\r\n]+/g, ' '); // keeps the narrow no-break spaces of formatted numbers
}

describe('the funder portal', () => {
  it('lists the reports sent for the cases the funder funds, newest first, never a draft', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('GES'), structures: 2 });
    const { org, user } = await funderOrg();
    await fund(acc.id, org.id, 4000);
    const [olderTitle, newerTitle, draftTitle] = [
      uniq('Rapport de janvier'),
      uniq('Rapport de mars'),
      uniq('Brouillon en cours'),
    ];
    await report(t.db, acc.id, { title: olderTitle, status: 'sent', sentAt: '2026-01-20T10:00:00Z', to: [org.id] });
    const newer = await report(t.db, acc.id, {
      title: newerTitle,
      status: 'sent',
      sentAt: '2026-03-20T10:00:00Z',
      to: [org.id],
    });
    await report(t.db, acc.id, { title: draftTitle, status: 'draft' });

    const { agent } = await loginAs(t.app, user.email);
    const res = await agent.get('/portal').expect(200);
    expect(res.text).toContain(fr['funderPortal.title']);
    expect(res.text.indexOf(newerTitle)).toBeGreaterThan(-1);
    expect(res.text.indexOf(newerTitle)).toBeLessThan(res.text.indexOf(olderTitle));
    expect(res.text).not.toContain(draftTitle);
    const row = rowWith(res.text, newerTitle);
    expect(row).toContain(`href="/reports/${newer.id}"`);
    expect(row).toContain(`href="/reports/${newer.id}/pdf"`);
    expect(row).toContain(newer.sha256!.slice(0, 12));
    expect(row).toContain(acc.id);

    // The same reports on the case's own portal page.
    const show = await agent.get(`/portal/accompaniments/${acc.id}`).expect(200);
    expect(show.text).toContain(newerTitle);
    expect(show.text).toContain(olderTitle);
    expect(show.text).not.toContain(draftTitle);

    // The year filter applies to the reports' sending year too.
    const otherYear = await agent.get('/portal?year=2025').expect(200);
    expect(otherYear.text).not.toContain(newerTitle);
    expect((await agent.get('/portal?year=2026').expect(200)).text).toContain(newerTitle);
  });

  it('never shows funder A a report of a case only funder B funds, but does when both co-fund it', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const a = await funderOrg();
    const b = await funderOrg();
    const onlyB = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('Financé par B seul') });
    const both = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('Cofinancé') });
    await fund(onlyB.id, b.org.id, 5000);
    await fund(both.id, a.org.id, 3000);
    await fund(both.id, b.org.id, 2000);
    const secret = uniq('Rapport pour B');
    const shared = uniq('Rapport envoyé à B, cofinancé');
    await report(t.db, onlyB.id, { title: secret, status: 'sent', to: [b.org.id] });
    await report(t.db, both.id, { title: shared, status: 'sent', to: [b.org.id] });

    const asA = (await loginAs(t.app, a.user.email)).agent;
    const portalA = await asA.get('/portal').expect(200);
    expect(portalA.text).not.toContain(secret);
    expect(portalA.text).not.toContain(`/portal/accompaniments/${onlyB.id}"`);
    expect(portalA.text).toContain(shared);
    await asA.get(`/portal/accompaniments/${onlyB.id}`).expect(404);
    const bothA = await asA.get(`/portal/accompaniments/${both.id}`).expect(200);
    expect(bothA.text).toContain(shared);

    const portalB = await (await loginAs(t.app, b.user.email)).agent.get('/portal').expect(200);
    expect(portalB.text).toContain(secret);
    expect(portalB.text).toContain(shared);
  });

  it('shows deliverable titles and statuses, and the file only where the structures consented', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('Livrables'), structures: 1 });
    const { org, user } = await funderOrg();
    await fund(acc.id, org.id, 1000);
    const privateTitle = uniq('Plan confidentiel');
    const sharedTitle = uniq('Plan partagé');
    const hidden = await createDeliverable(t.db, acc.id, { title: privateTitle, status: 'submitted' });
    const shared = await createDeliverable(t.db, acc.id, { title: sharedTitle, status: 'accepted' });
    const hiddenDoc = await storedDocument(t.db, acc.id, 'deliverable', 'plan-confidentiel.pdf');
    const sharedDoc = await storedDocument(t.db, acc.id, 'deliverable', 'plan-partage.pdf');
    await t.db('deliverable_versions').insert([
      { deliverable_id: hidden, version: 1, document_id: hiddenDoc.id, sha256: hiddenDoc.sha256 },
      { deliverable_id: shared, version: 1, document_id: sharedDoc.id, sha256: sharedDoc.sha256 },
    ]);
    await t.db('deliverable_consents').insert({
      deliverable_id: shared,
      organisation_id: acc.structures[0].id,
      scope: 'funders',
      signatory_name: 'Marie Durand',
      given_on: '2026-02-01',
    });

    const { agent } = await loginAs(t.app, user.email);
    const res = await agent.get(`/portal/accompaniments/${acc.id}`).expect(200);
    const hiddenRow = rowWith(res.text, privateTitle);
    expect(hiddenRow).toContain(fr['deliverables.status.submitted']);
    expect(hiddenRow).toContain(fr['funderPortal.deliverables.noConsent']);
    expect(res.text).not.toContain(`/documents/${hiddenDoc.id}/download`);
    expect(res.text).not.toContain('plan-confidentiel.pdf');
    const sharedRow = rowWith(res.text, sharedTitle);
    expect(sharedRow).toContain(fr['deliverables.status.accepted']);
    expect(sharedRow).toContain(`href="/documents/${sharedDoc.id}/download"`);

    // The link works, and the hidden file is refused by the deliverables' own rule.
    const file = await agent.get(`/documents/${sharedDoc.id}/download`).expect(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    await agent.get(`/documents/${hiddenDoc.id}/download`).expect(403);
  });

  it('shows a funded case: operator, state, beneficiaries active/withdrawn, own funding, budget, days from sessions, phase', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      title: uniq('Synthèse'),
      structures: 3,
      state: 'delivery',
    });
    await t.db('accompaniments').where({ id: acc.id }).update({ budget_days: 10, budget_eur: 12000 });
    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: acc.id, organisation_id: acc.structures[2].id })
      .update({ status: 'withdrawn', withdrawn_on: '2026-02-01', withdrawal_reasons: 'Départ' });
    const [phase] = await t
      .db('phases')
      .insert({ accompaniment_id: acc.id, position: 1, name: 'Diagnostic approfondi', status: 'in_progress' })
      .returning('id');
    await t.db('phases').insert({
      accompaniment_id: acc.id,
      position: 2,
      name: 'Plan de développement',
      status: 'planned',
      planned_start: '2026-06-01',
    });
    for (const days of [1.5, 2]) {
      await t.db('sessions').insert({
        accompaniment_id: acc.id,
        phase_id: phase.id,
        type: 'working_group',
        title: uniq('Séance'),
        starts_at: '2026-02-10T09:00:00Z',
        days_consumed: days,
        status: 'held',
      });
    }
    const { org, user } = await funderOrg();
    const other = await funderOrg();
    await fund(acc.id, org.id, 9000);
    await fund(acc.id, other.org.id, 3000);

    const { agent } = await loginAs(t.app, user.email);
    const row = rowWith((await agent.get('/portal').expect(200)).text, `/portal/accompaniments/${acc.id}"`);
    expect(row).toContain(operator.name);
    expect(row).toContain(fr['states.delivery']);
    expect(row).toContain('2 actives, 1 retirée');
    expect(row).toContain(formatEuros('fr', 9000));
    expect(row).toContain(formatEuros('fr', 12000));
    expect(row).toContain(`${formatNumber('fr', 3.5)} / ${formatNumber('fr', 10)} j`);
    expect(row).toContain('En cours : Diagnostic approfondi');
    expect(row).toContain('À venir : Plan de développement');

    // The case page: the funding split is shown as on the accompaniment page (seeFunding).
    const show = await agent.get(`/portal/accompaniments/${acc.id}`).expect(200);
    expect(show.text).toContain(other.org.name);
    expect(show.text).toContain(formatEuros('fr', 3000));
    expect(show.text).toContain('Diagnostic approfondi');
    expect(show.text).toContain('id="sessions"');
    expect(show.text).not.toMatch(/\sstyle="/);
  });

  it('filters by state and intake year, and pages a long portfolio', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const { org, user } = await funderOrg();
    const tag = uniq('Série');
    for (let i = 0; i < 27; i++) {
      const acc = await createAccompaniment(t.db, {
        operatorId: operator.id,
        title: `${tag} n°${String(i).padStart(2, '0')}`,
        state: i < 3 ? 'closed' : 'delivery',
      });
      if (i < 3) await t.db('accompaniments').where({ id: acc.id }).update({ intake_on: '2024-03-01' });
      await fund(acc.id, org.id, 100);
    }
    const { agent } = await loginAs(t.app, user.email);
    const count = (html: string) => html.split(`>${tag} n°`).length - 1;

    const first = await agent.get('/portal').expect(200);
    expect(count(first.text)).toBe(25);
    expect(first.text).toContain('page=2');
    expect(count((await agent.get('/portal?page=2').expect(200)).text)).toBe(2);

    expect(count((await agent.get('/portal?state=closed').expect(200)).text)).toBe(3);
    expect(count((await agent.get('/portal?year=2024').expect(200)).text)).toBe(3);
    expect(count((await agent.get('/portal?year=2026&state=closed').expect(200)).text)).toBe(0);
    expect(first.text).toContain('<option value="2024"');
  });

  it('answers bad query parameters with the unfiltered page, never a 500', async () => {
    const { org, user } = await funderOrg();
    const { operator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('Robuste') });
    await fund(acc.id, org.id, 100);
    const { agent } = await loginAs(t.app, user.email);
    for (const q of [
      'page=abc',
      'year=99999',
      'year=abc',
      'rpage=-3',
      'state=zzz',
      'page=1e9',
      'year[]=2024',
      'state=closed&state=intake',
    ]) {
      const res = await agent.get(`/portal?${q}`).expect(200);
      expect(res.text).toContain(fr['funderPortal.funded.heading']);
    }
    await agent.get('/portal/accompaniments/abc').expect(404);
    await agent.get('/portal/accompaniments/999999999').expect(404);
  });

  it('is for funder users only: coordinators and providers get 403, anonymous visitors the login page', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id });
    const provider = await createUser(t.db, { role: 'provider' });
    for (const email of [coordinator.email, provider.email]) {
      const { agent } = await loginAs(t.app, email);
      await agent.get('/portal').expect(403);
      await agent.get(`/portal/accompaniments/${acc.id}`).expect(403);
    }
    const anonymous = await request(t.app).get('/portal').expect(302);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });

  it('puts the latest five reports and the number of funded cases on a funder’s home page, and nothing for others', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const { org, user } = await funderOrg();
    const titles: string[] = [];
    for (let i = 0; i < 2; i++) {
      const acc = await createAccompaniment(t.db, { operatorId: operator.id, title: uniq('Accueil') });
      await fund(acc.id, org.id, 100);
      for (let j = 0; j < 3; j++) {
        const title = uniq(`Rapport ${i}-${j}`);
        titles.push(title);
        await report(t.db, acc.id, {
          title,
          status: 'sent',
          sentAt: `2026-0${i * 3 + j + 1}-10T10:00:00Z`,
          to: [org.id],
        });
      }
    }
    const { agent } = await loginAs(t.app, user.email);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(fr['funderPortal.home.heading']);
    expect(home.text).toContain('Vous financez 2 accompagnements.');
    expect(home.text).toContain('href="/portal"');
    // The oldest of the six is the one left out.
    expect(home.text).not.toContain(titles[0]);
    for (const title of titles.slice(1)) expect(home.text).toContain(title);

    const coordHome = await (await loginAs(t.app, coordinator.email)).agent.get('/').expect(200);
    expect(coordHome.text).not.toContain(fr['funderPortal.home.heading']);
  });
});

describe('the demo funder', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createDemoApp();
  });
  afterAll(() => demo.close());

  it('sees the Belfort case with its 6 days consumed of 6 and its 7 000 € budget, 4 000 € of it from the DDETS', async () => {
    const { agent } = await loginAs(demo.app, 'financeur@jalons.test', DEMO_PASSWORD);
    const acc = await demo.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const portal = await agent.get('/portal').expect(200);
    // (The case is also named on the row of the progress report the demo sent to the DDETS.)
    const row = rowWith(portal.text, `<th scope="row"><a href="/portal/accompaniments/${acc.id}"`);
    expect(row).toContain(BELFORT_TITLE.replace(/'/g, '&#39;'));
    expect(row).toContain(`${formatNumber('fr', 6)} / ${formatNumber('fr', 6)} j`);
    expect(row).toContain(formatEuros('fr', 7000));
    expect(row).toContain(formatEuros('fr', 4000));
    expect(row).toContain('3 actives, 1 retirée');

    const show = await agent.get(`/portal/accompaniments/${acc.id}`).expect(200);
    expect(show.text).toContain('Chamois');
    expect(show.text).toContain('Projet politique et organisation stratégique');
    expect(show.text).toContain(formatEuros('fr', 7000));
  });
});
