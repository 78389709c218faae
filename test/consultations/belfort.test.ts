import { caseUrl } from '../../src/accompaniments/tabs';
import { createOrganisation, createUser } from '../factories';
import { createConsultationCase, createProviderOrg } from '../factories/consultations';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

/**
 * The Belfort GES case end to end: four providers invited, four proposals, scored on a grid out
 * of 70, COORACE (6 days, 7,000 €) selected, every bidder told — and only the winner let in.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const TITLE = 'Appui à la création d’un Groupe économique solidaire (GES)';
/** The version a form carries (optimistic locking), posted back as a browser would. */
const lockIn = (html: string) => html.match(/name="lock_version" value="(\d+)"/)![1];

describe('the Belfort consultation', () => {
  // One story told in order: each step builds on the previous one.
  let accId: string;
  let coordinatorEmail: string;
  let coordinatorId: string;
  let agent: Awaited<ReturnType<typeof loginAs>>['agent'];
  let csrf: string;
  let criteria: { id: string; max_points: number }[];
  const orgs: Record<'coorace' | 'alpha' | 'beta' | 'gamma', { id: string; name: string }> = {} as never;
  const users: Record<'coorace' | 'alpha' | 'funder', string> = {} as never;
  let bidOf: (orgId: string) => string;

  beforeAll(async () => {
    const c = await createConsultationCase(t.db, { title: TITLE, operatorName: 'MIFE 90' });
    accId = c.accId;
    coordinatorEmail = c.coordinator.email;
    coordinatorId = c.coordinator.id;
    orgs.coorace = await createProviderOrg(t.db, {
      name: 'COORACE – fédération nationale',
      email: 'appels@coorace.test',
    });
    orgs.alpha = await createProviderOrg(t.db, { name: 'Alpha Conseil ESS' });
    orgs.beta = await createProviderOrg(t.db, { name: 'Beta Stratégies' });
    orgs.gamma = await createProviderOrg(t.db, { name: 'Gamma Consultants', email: 'contact@gamma.test' });
    users.coorace = (
      await createUser(t.db, { role: 'provider', organisation_id: orgs.coorace.id, email: 'consultante@coorace.test' })
    ).email;
    users.alpha = (
      await createUser(t.db, { role: 'provider', organisation_id: orgs.alpha.id, email: 'associe@alpha.test' })
    ).email;
    await createUser(t.db, { role: 'provider', organisation_id: orgs.beta.id, email: 'gerant@beta.test' });
    await createUser(t.db, {
      role: 'provider',
      organisation_id: orgs.beta.id,
      email: 'ancien@beta.test',
      status: 'disabled',
    });
    const funderOrg = await createOrganisation(t.db, { kind: 'funder', name: 'Banque des Territoires' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: accId, funder_id: funderOrg.id, amount_eur: '7000' });
    users.funder = (await createUser(t.db, { role: 'funder', organisation_id: funderOrg.id })).email;
    ({ agent, csrf } = await loginAs(t.app, coordinatorEmail));
  });

  it('writes the terms of reference with the default grid out of 70', async () => {
    const edit = await agent.get(`/accompaniments/${accId}/consultation/edit`).expect(200);
    expect(edit.text).toContain('Compréhension de la demande');
    expect(edit.text).toContain('Méthodologie proposée');
    expect(edit.text).toContain('Grille proposée par défaut (70 points)');
    await agent
      .post(`/accompaniments/${accId}/consultation/edit`)
      .type('form')
      .send({
        _csrf: csrf,
        objectives: 'Accompagner le regroupement de 4 structures en GES.',
        days: '6',
        budget_eur: '7 000',
        launched_on: '2015-10-20',
        deadline: '2015-11-06',
        criterion_id: ['', '', '', '', ''],
        criterion_label: [
          'Compréhension de la demande',
          'Méthodologie proposée',
          'Expérience et références',
          'Prix',
          '',
        ],
        criterion_max: ['20', '20', '20', '10', ''],
        lock_version: lockIn(edit.text),
      })
      .expect(302);
    criteria = (await t.db('consultation_criteria').where({ accompaniment_id: accId }).orderBy('position')).map(
      (c) => ({ id: String(c.id), max_points: c.max_points }),
    );
    expect(criteria.map((c) => c.max_points).reduce((a, b) => a + b, 0)).toBe(70);
    const c = await t.db('consultations').where({ accompaniment_id: accId }).first();
    expect([Number(c.days), Number(c.budget_eur), c.deadline]).toEqual([6, 7000, '2015-11-06']);
  });

  it('invites four providers and records their four proposals', async () => {
    for (const p of Object.values(orgs)) {
      await agent
        .post(`/accompaniments/${accId}/consultation/bids`)
        .type('form')
        .send({ _csrf: csrf, bid_provider_id: p.id, bid_invited_on: '2015-10-20' })
        .expect(302);
    }
    const bids = await t.db('consultation_bids').where({ accompaniment_id: accId });
    expect(bids).toHaveLength(4);
    bidOf = (orgId: string) => String(bids.find((b) => String(b.provider_id) === orgId)!.id);
    const proposals: [string, string, string][] = [
      [orgs.coorace.id, '6', '7 000'],
      [orgs.alpha.id, '5', '6 350'],
      [orgs.beta.id, '8', '9 600'],
      [orgs.gamma.id, '4', '4 480'],
    ];
    for (const [orgId, days, price] of proposals) {
      const form = await agent.get(`/accompaniments/${accId}/consultation/bids/${bidOf(orgId)}`).expect(200);
      await agent
        .post(`/accompaniments/${accId}/consultation/bids/${bidOf(orgId)}`)
        .type('form')
        .send({
          _csrf: csrf,
          outcome: 'proposed',
          received_on: '2015-11-05',
          proposal_days: days,
          proposal_price_eur: price,
          method: 'Séminaires et groupes de travail.',
          lock_version: lockIn(form.text),
        })
        .expect(302);
    }
    expect(await t.db('consultation_bids').where({ accompaniment_id: accId, status: 'proposed' })).toHaveLength(4);
  });

  it('scores the proposals and ranks them by total', async () => {
    const scores: [string, number[]][] = [
      [orgs.coorace.id, [18, 19, 18, 8]],
      [orgs.alpha.id, [15, 14, 12, 9]],
      [orgs.beta.id, [14, 15, 17, 5]],
      [orgs.gamma.id, [10, 9, 8, 10]],
    ];
    for (const [orgId, points] of scores) {
      const form = await agent.get(`/accompaniments/${accId}/consultation/bids/${bidOf(orgId)}/scores`).expect(200);
      const body: Record<string, string> = { _csrf: csrf, lock_version: lockIn(form.text) };
      criteria.forEach((c, i) => (body[`score_${c.id}`] = String(points[i])));
      await agent
        .post(`/accompaniments/${accId}/consultation/bids/${bidOf(orgId)}/scores`)
        .type('form')
        .send(body)
        .expect(302);
    }
    const scorePage = await agent
      .get(`/accompaniments/${accId}/consultation/bids/${bidOf(orgs.coorace.id)}/scores`)
      .expect(200);
    expect(scorePage.text).toContain('63 / 70');
    const page = await getCaseTab(agent, accId, 'consultation').expect(200);
    const order = ['COORACE', 'Beta Stratégies', 'Alpha Conseil ESS', 'Gamma Consultants'].map((n) =>
      page.text.indexOf(n),
    );
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.text).toContain('50 / 70');
  });

  it('selects COORACE with its record and queues one result e-mail per bidder', async () => {
    const selected = await agent
      .post(`/accompaniments/${accId}/consultation/select`)
      .type('form')
      .send({
        _csrf: csrf,
        selected_bid_id: bidOf(orgs.coorace.id),
        selected_on: '2015-11-20',
        selection_rationale: 'Meilleure note (63/70), prestataire fédérateur connaissant l’IAE.',
      })
      .expect(302);
    expect(selected.headers.location).toBe(caseUrl(accId, 'consultation'));
    const after = await getCaseTab(agent, accId, 'consultation').expect(200);
    expect(after.text).toContain(
      'COORACE – fédération nationale est retenu·e. 4 e-mails de résultat mis en file d’envoi.',
    );
    expect(after.text).toContain('Meilleure note (63/70)');

    const statuses = Object.fromEntries(
      (await t.db('consultation_bids').where({ accompaniment_id: accId })).map((b) => [
        String(b.provider_id),
        b.status,
      ]),
    );
    expect(statuses).toEqual({
      [orgs.coorace.id]: 'selected',
      [orgs.alpha.id]: 'not_selected',
      [orgs.beta.id]: 'not_selected',
      [orgs.gamma.id]: 'not_selected',
    });
    const consultation = await t.db('consultations').where({ accompaniment_id: accId }).first();
    expect(String(consultation.selected_bid_id)).toBe(bidOf(orgs.coorace.id));
    expect(consultation.selected_on).toBe('2015-11-20');
    expect(String(consultation.selected_by)).toBe(coordinatorId);
    expect(await t.db('consultation_bids').where({ accompaniment_id: accId }).whereNull('notified_at')).toHaveLength(0);

    const mails = await t.db('outbox').whereLike('kind', 'consultation_%').orderBy('id');
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'appels@coorace.test',
      'associe@alpha.test',
      'contact@gamma.test',
      'gerant@beta.test',
    ]);
    const won = mails.filter((m) => m.body_text.includes('votre proposition est retenue'));
    expect(won).toHaveLength(1);
    expect(won[0].to_address).toBe('appels@coorace.test');
    for (const lost of mails.filter((m) => m.to_address !== 'appels@coorace.test')) {
      expect(lost.body_text).toContain('n’a pas été retenue');
      expect(lost.body_text).not.toMatch(/€|7\s000|COORACE|Alpha|Beta|Gamma/);
    }

    const audit = await t.db('audit_log').where({ action: 'consultation.select', entity_id: accId }).first();
    expect(audit).toBeDefined();
  });

  it('offers to copy the selected proposal into the empty budget', async () => {
    const after = await getCaseTab(agent, accId, 'consultation').expect(200);
    expect(after.text).toContain('reporter la proposition retenue');
    await agent
      .post(`/accompaniments/${accId}/consultation/apply-budget`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(302);
    const acc = await t.db('accompaniments').where({ id: accId }).first('budget_days', 'budget_eur');
    expect(Number(acc.budget_days)).toBe(6);
    expect(Number(acc.budget_eur)).toBe(7000);
  });

  it('lets the selected provider in, showing only the outcome', async () => {
    const winner = await loginAs(t.app, users.coorace);
    const winnerPage = await getCaseTab(winner.agent, accId, 'consultation').expect(200);
    expect(winnerPage.text).toContain('COORACE – fédération nationale : 6 jours d’intervention pour 7');
    for (const hidden of [
      'Alpha Conseil',
      'Beta Stratégies',
      'Gamma Consultants',
      '6 350',
      '9 600',
      '4 480',
      '/ 70',
      'Meilleure note',
    ]) {
      expect(winnerPage.text).not.toContain(hidden);
    }
    const winnerList = await winner.agent.get('/accompaniments').expect(200);
    expect(winnerList.text).toContain('Appui à la création d’un Groupe économique solidaire');
    await winner.agent.get(`/accompaniments/${accId}/consultation`).expect(403);
    await winner.agent.get(`/accompaniments/${accId}/consultation/bids/${bidOf(orgs.alpha.id)}/scores`).expect(403);
  });

  it('keeps a losing provider out', async () => {
    const loser = await loginAs(t.app, users.alpha);
    await loser.agent.get(`/accompaniments/${accId}`).expect(404);
    const loserList = await loser.agent.get('/accompaniments').expect(200);
    expect(loserList.text).not.toContain('Appui à la création d’un Groupe économique solidaire');
    await loser.agent.get(`/accompaniments/${accId}/consultation`).expect(404);
    await loser.agent.get(`/accompaniments/${accId}/consultation/bids/${bidOf(orgs.alpha.id)}/scores`).expect(404);
  });

  it('shows a funder who was chosen and for how much, not the competition', async () => {
    const funderSession = await loginAs(t.app, users.funder);
    const funderPage = await getCaseTab(funderSession.agent, accId, 'consultation').expect(200);
    expect(funderPage.text).toContain('COORACE – fédération nationale : 6 jours');
    expect(funderPage.text).not.toContain('Alpha Conseil');
    expect(funderPage.text).not.toContain('/ 70');
  });

  it('lets the case move on to the convention', async () => {
    await agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: csrf, to: 'convention', on_date: '2015-12-01' })
      .expect(302);
    expect((await t.db('accompaniments').where({ id: accId }).first('state')).state).toBe('convention');
  });
});
