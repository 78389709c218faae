import { createOrganisation, createUser } from '../factories';
import { createBid, createConsultationCase, createGrid, createProviderOrg } from '../factories/consultations';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A case in the consultation state with the 70-point grid and two proposals received. */
async function caseWithProposals(state = 'consultation') {
  const c = await createConsultationCase(t.db, { state });
  const criteria = await createGrid(t.db, c.accId);
  const p1 = await createProviderOrg(t.db, { email: `p1-${c.accId}@example.test` });
  const p2 = await createProviderOrg(t.db, { email: `p2-${c.accId}@example.test` });
  const bid1 = await createBid(t.db, c.accId, p1.id, { proposal_days: '6', proposal_price_eur: '7000' });
  const bid2 = await createBid(t.db, c.accId, p2.id, { proposal_days: '5', proposal_price_eur: '6000' });
  const session = await loginAs(t.app, c.coordinator.email);
  return { ...c, criteria, p1, p2, bid1, bid2, ...session };
}

/** The version the form at this page carries (optimistic locking), read as a browser would. */
const formLock = async (s: { agent: Awaited<ReturnType<typeof loginAs>>['agent'] }, url: string) =>
  (await s.agent.get(url).expect(200)).text.match(/name="lock_version" value="(\d+)"/)![1];

const select = (
  s: Awaited<ReturnType<typeof caseWithProposals>>,
  bidId = s.bid1,
  rationale = 'Meilleure proposition.',
) =>
  s.agent
    .post(`/accompaniments/${s.accId}/consultation/select`)
    .type('form')
    .send({ _csrf: s.csrf, selected_bid_id: bidId, selected_on: '2015-11-20', selection_rationale: rationale });

describe('who may touch the consultation', () => {
  describe('refuses every consultation change to anyone but the operator staff', () => {
    let s: Awaited<ReturnType<typeof caseWithProposals>>;
    const emails: Record<string, string> = {};
    let posts: [string, Record<string, string>][];

    beforeAll(async () => {
      s = await caseWithProposals();
      await select(s).expect(302);
      emails.winner = (await createUser(t.db, { role: 'provider', organisation_id: s.p1.id })).email;
      emails.loser = (await createUser(t.db, { role: 'provider', organisation_id: s.p2.id })).email;
      const funderOrg = await createOrganisation(t.db, { kind: 'funder' });
      await t
        .db('accompaniment_funding')
        .insert({ accompaniment_id: s.accId, funder_id: funderOrg.id, amount_eur: '7000' });
      emails.funder = (await createUser(t.db, { role: 'funder', organisation_id: funderOrg.id })).email;
      const structure = await createOrganisation(t.db, { kind: 'structure' });
      await t
        .db('accompaniment_beneficiaries')
        .insert({ accompaniment_id: s.accId, organisation_id: structure.id, status: 'active' });
      emails.beneficiary = (await createUser(t.db, { role: 'beneficiary', organisation_id: structure.id })).email;
      emails.admin = (await createUser(t.db, { role: 'admin' })).email;
      emails.otherCoordinator = (await createUser(t.db, { role: 'coordinator' })).email;
      posts = [
        ['edit', { days: '1', criterion_label: 'X', criterion_max: '10' }],
        ['bids', { bid_provider_id: s.p2.id, bid_invited_on: '2015-10-20' }],
        [
          `bids/${s.bid2}`,
          { outcome: 'proposed', received_on: '2015-11-05', proposal_days: '1', proposal_price_eur: '1' },
        ],
        [`bids/${s.bid2}/scores`, { [`score_${s.criteria[0]}`]: '20' }],
        ['select', { selected_bid_id: s.bid2, selected_on: '2015-11-20', selection_rationale: 'x' }],
        ['unselect', { unselect_reason: 'x' }],
        ['apply-budget', {}],
      ];
    });

    it.each([
      ['winner', 403],
      ['funder', 403],
      ['beneficiary', 403],
      ['admin', 403],
      ['loser', 404],
      ['otherCoordinator', 404],
    ])('answers %s with %i and changes nothing', async (who, expected) => {
      const { agent, csrf } = await loginAs(t.app, emails[who]);
      for (const [path, body] of posts) {
        const res = await agent
          .post(`/accompaniments/${s.accId}/consultation/${path}`)
          .type('form')
          .send({ _csrf: csrf, ...body });
        expect([path, res.status]).toEqual([path, expected]);
      }
      await agent.get(`/accompaniments/${s.accId}/consultation/edit`).expect(expected);
      const bids = await t.db('consultation_bids').where({ accompaniment_id: s.accId }).orderBy('id');
      expect(bids.map((b) => b.status)).toEqual(['selected', 'not_selected']);
      expect(await t.db('outbox').whereIn('to_address', [s.p1.email, s.p2.email])).toHaveLength(2);
    });
  });

  it('lets an admin read the whole call without being able to change it', async () => {
    const s = await caseWithProposals();
    const admin = await createUser(t.db, { role: 'admin' });
    const { agent } = await loginAs(t.app, admin.email);
    const page = await agent.get(`/accompaniments/${s.accId}/consultation`).expect(200);
    expect(page.text).toContain(s.p2.name);
    expect(page.text).not.toContain('name="selection_rationale"');
    expect(page.text).not.toContain('/consultation/edit');
  });

  it('hides the section from a funder until a provider is selected', async () => {
    const s = await caseWithProposals();
    const funderOrg = await createOrganisation(t.db, { kind: 'funder' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: s.accId, funder_id: funderOrg.id, amount_eur: '7000' });
    const funder = await createUser(t.db, { role: 'funder', organisation_id: funderOrg.id });
    const { agent } = await loginAs(t.app, funder.email);
    const page = await getCaseTab(agent, s.accId, 'consultation').expect(200);
    expect(page.text).not.toContain('id="consultation"');
    expect(page.text).not.toContain(s.p1.name);
  });
});

describe('bad input', () => {
  it('refuses a negative price in French and keeps what was typed', async () => {
    const s = await caseWithProposals();
    const p3 = await createProviderOrg(t.db);
    const bid3 = await createBid(t.db, s.accId, p3.id, { status: 'invited' });
    const res = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids/${bid3}`)
      .type('form')
      .send({
        _csrf: s.csrf,
        outcome: 'proposed',
        received_on: '2015-11-05',
        proposal_days: '4',
        proposal_price_eur: '-4000',
        method: 'Trois séminaires collectifs',
      })
      .expect(422);
    expect(res.text).toContain('Saisissez un nombre positif.');
    expect(res.text).toContain('value="-4000"');
    expect(res.text).toContain('Trois séminaires collectifs');
    expect(res.text).toContain('aria-invalid="true"');
    expect((await t.db('consultation_bids').where({ id: bid3 }).first('status')).status).toBe('invited');
  });

  it('refuses a score above the criterion maximum', async () => {
    const s = await caseWithProposals();
    const [c1, c2, c3, c4] = s.criteria;
    const res = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids/${s.bid1}/scores`)
      .type('form')
      .send({
        _csrf: s.csrf,
        [`score_${c1}`]: '25',
        [`score_${c2}`]: '15,5',
        [`score_${c3}`]: '12',
        [`score_${c4}`]: '-1',
      })
      .expect(422);
    expect(res.text).toContain('La note doit être comprise entre 0 et 20.');
    expect(res.text).toContain('La note doit être comprise entre 0 et 10.');
    expect(res.text).toContain('value="25"');
    expect(res.text).toContain('value="15,5"');
    expect(await t.db('bid_scores').where({ bid_id: s.bid1 })).toHaveLength(0);

    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids/${s.bid1}/scores`)
      .type('form')
      .send({
        _csrf: s.csrf,
        [`score_${c1}`]: '20',
        [`score_${c2}`]: '15,5',
        [`score_${c3}`]: '12',
        [`score_${c4}`]: '0',
        lock_version: await formLock(s, `/accompaniments/${s.accId}/consultation/bids/${s.bid1}/scores`),
      })
      .expect(302);
    const page = await s.agent.get(`/accompaniments/${s.accId}/consultation/bids/${s.bid1}/scores`).expect(200);
    expect(page.text).toContain('47,5 / 70');
  });

  it('requires the rationale of the selection and sends nothing without it', async () => {
    const s = await caseWithProposals();
    const res = await select(s, s.bid2, '   ').expect(422);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toMatch(new RegExp(`<option value="${s.bid2}" selected>`));
    expect(res.text).toContain('value="2015-11-20"');
    expect(await t.db('consultation_bids').where({ accompaniment_id: s.accId, status: 'selected' })).toHaveLength(0);
    expect(await t.db('outbox').whereIn('to_address', [s.p1.email, s.p2.email])).toHaveLength(0);
  });

  it('refuses to select a bid without a proposal', async () => {
    const s = await caseWithProposals();
    const p3 = await createProviderOrg(t.db);
    const bid3 = await createBid(t.db, s.accId, p3.id, { status: 'declined' });
    const res = await select(s, bid3).expect(422);
    expect(res.text).toContain('Choisissez une proposition reçue dans la liste.');
  });

  it('invites only provider organisations, once each, and records a refusal', async () => {
    const s = await caseWithProposals();
    const structure = await createOrganisation(t.db, { kind: 'structure' });
    const wrong = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids`)
      .type('form')
      .send({ _csrf: s.csrf, bid_provider_id: structure.id, bid_invited_on: '2015-10-21' })
      .expect(422);
    expect(wrong.text).toContain('Choisissez un prestataire dans la liste.');
    expect(wrong.text).toContain('value="2015-10-21"');
    const noDate = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids`)
      .type('form')
      .send({ _csrf: s.csrf, bid_provider_id: s.p1.id, bid_invited_on: '21/10' })
      .expect(422);
    expect(noDate.text).toContain('Saisissez une date valide');

    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids`)
      .type('form')
      .send({ _csrf: s.csrf, bid_provider_id: s.p1.id, bid_invited_on: '2015-10-21' })
      .expect(302);
    expect(await t.db('consultation_bids').where({ accompaniment_id: s.accId, provider_id: s.p1.id })).toHaveLength(1);

    await t.db('bid_scores').insert({ bid_id: s.bid2, criterion_id: s.criteria[0], points: '12' });
    const lock_version = await formLock(s, `/accompaniments/${s.accId}/consultation/bids/${s.bid2}`);
    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids/${s.bid2}`)
      .type('form')
      .send({ _csrf: s.csrf, outcome: 'declined', received_on: '2015-11-02', lock_version })
      .expect(302);
    const declined = await t.db('consultation_bids').where({ id: s.bid2 }).first();
    expect([declined.status, declined.proposal_price_eur]).toEqual(['declined', null]);
    expect(await t.db('bid_scores').where({ bid_id: s.bid2 })).toHaveLength(0);
    const page = await getCaseTab(s.agent, s.accId, 'consultation').expect(200);
    expect(page.text).toContain('A décliné');
  });

  it('checks the scoring grid row by row and keeps the rows typed', async () => {
    const s = await caseWithProposals();
    const res = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/edit`)
      .type('form')
      .send({
        _csrf: s.csrf,
        days: '6',
        budget_eur: '-7000',
        criterion_id: ['', ''],
        criterion_label: ['Pertinence du devis', ''],
        criterion_max: ['0', '15'],
      })
      .expect(422);
    expect(res.text).toContain('Indiquez un nombre entier de points entre 1 et 1 000.');
    expect(res.text).toContain('Donnez un intitulé à ce critère.');
    expect(res.text).toContain('Saisissez un nombre positif.');
    expect(res.text).toContain('value="Pertinence du devis"');
  });

  it('will not lower a criterion below scores already given', async () => {
    const s = await caseWithProposals();
    await t.db('bid_scores').insert({ bid_id: s.bid1, criterion_id: s.criteria[0], points: '18' });
    const res = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/edit`)
      .type('form')
      .send({
        _csrf: s.csrf,
        criterion_id: s.criteria,
        criterion_label: ['A', 'B', 'C', 'D'],
        criterion_max: ['15', '20', '20', '10'],
        lock_version: await formLock(s, `/accompaniments/${s.accId}/consultation/edit`),
      })
      .expect(422);
    expect(res.text).toContain('Des notes déjà saisies dépassent ce maximum (18)');
    expect((await t.db('consultation_criteria').where({ id: s.criteria[0] }).first()).max_points).toBe(20);
  });
});

describe('lifecycle of the call', () => {
  it('refuses consultation → convention before a selection, in French, and allows it after', async () => {
    const s = await caseWithProposals();
    const refused = await s.agent
      .post(`/accompaniments/${s.accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'convention', on_date: '2015-12-01' })
      .expect(422);
    expect(refused.text).toContain('Retenez d’abord un prestataire dans la mise en concurrence.');
    expect((await t.db('accompaniments').where({ id: s.accId }).first('state')).state).toBe('consultation');
    await select(s).expect(302);
    await s.agent
      .post(`/accompaniments/${s.accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'convention', on_date: '2015-12-01' })
      .expect(302);
    expect((await t.db('accompaniments').where({ id: s.accId }).first('state')).state).toBe('convention');
  });

  it('selects only during the consultation state', async () => {
    const s = await caseWithProposals('diagnostic');
    await select(s).expect(302);
    const page = await getCaseTab(s.agent, s.accId, 'consultation').expect(200);
    expect(page.text).toContain('La sélection se fait pendant la mise en concurrence');
    expect(await t.db('consultation_bids').where({ accompaniment_id: s.accId, status: 'selected' })).toHaveLength(0);
  });

  it('freezes the call once a provider is selected', async () => {
    const s = await caseWithProposals();
    await select(s).expect(302);
    await select(s, s.bid2).expect(302);
    expect(
      String((await t.db('consultation_bids').where({ accompaniment_id: s.accId, status: 'selected' }).first('id')).id),
    ).toBe(s.bid1);
    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/bids/${s.bid2}/scores`)
      .type('form')
      .send({ _csrf: s.csrf, ...Object.fromEntries(s.criteria.map((c) => [`score_${c}`, '10'])) })
      .expect(302);
    expect(await t.db('bid_scores').where({ bid_id: s.bid2 })).toHaveLength(0);
    const page = await getCaseTab(s.agent, s.accId, 'consultation').expect(200);
    expect(page.text).toContain('Un prestataire est retenu : la mise en concurrence est figée.');
  });

  it('cancels a selection only explicitly, with a reason, and never after the consultation state', async () => {
    const s = await caseWithProposals();
    await select(s).expect(302);
    const noReason = await s.agent
      .post(`/accompaniments/${s.accId}/consultation/unselect`)
      .type('form')
      .send({ _csrf: s.csrf, unselect_reason: '' })
      .expect(422);
    expect(noReason.text).toContain('Ce champ est obligatoire.');

    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/unselect`)
      .type('form')
      .send({ _csrf: s.csrf, unselect_reason: 'Le prestataire se désiste.' })
      .expect(302);
    const bids = await t.db('consultation_bids').where({ accompaniment_id: s.accId }).orderBy('id');
    expect(bids.map((b) => b.status)).toEqual(['proposed', 'proposed']);
    const c = await t.db('consultations').where({ accompaniment_id: s.accId }).first();
    expect(c.selected_bid_id).toBeNull();
    const entry = await t.db('audit_log').where({ action: 'consultation.unselect', entity_id: s.accId }).first();
    expect(JSON.stringify(entry.details)).toContain('Le prestataire se désiste.');

    // The second provider is chosen, then the case moves on: the choice is now final.
    await select(s, s.bid2, 'Seule proposition restante.').expect(302);
    await s.agent
      .post(`/accompaniments/${s.accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'convention', on_date: '2015-12-01' })
      .expect(302);
    await s.agent
      .post(`/accompaniments/${s.accId}/consultation/unselect`)
      .type('form')
      .send({ _csrf: s.csrf, unselect_reason: 'Erreur' })
      .expect(302);
    const page = await getCaseTab(s.agent, s.accId, 'consultation').expect(200);
    expect(page.text).toContain(
      'L’accompagnement a quitté la mise en concurrence : la sélection ne peut plus être changée.',
    );
    expect(
      String((await t.db('consultation_bids').where({ accompaniment_id: s.accId, status: 'selected' }).first('id')).id),
    ).toBe(s.bid2);
  });

  it('notifies each active user of a provider without a contact e-mail, in their language', async () => {
    const c = await createConsultationCase(t.db);
    const org = await createProviderOrg(t.db);
    const fr = await createUser(t.db, { role: 'provider', organisation_id: org.id });
    const en = await createUser(t.db, { role: 'provider', organisation_id: org.id, locale: 'en' });
    const bid = await createBid(t.db, c.accId, org.id);
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    await agent
      .post(`/accompaniments/${c.accId}/consultation/select`)
      .type('form')
      .send({ _csrf: csrf, selected_bid_id: bid, selected_on: '2015-11-20', selection_rationale: 'Seul candidat.' })
      .expect(302);
    const mails = await t.db('outbox').whereIn('to_address', [fr.email, en.email]);
    expect(mails.find((m) => m.to_address === fr.email)!.body_text).toContain('votre proposition est retenue');
    expect(mails.find((m) => m.to_address === en.email)!.body_text).toContain('your proposal is selected');
  });

  it('shows a hint instead of touching a budget that differs from the selected proposal', async () => {
    const c = await createConsultationCase(t.db, { budget_days: '5', budget_eur: '5000' });
    const org = await createProviderOrg(t.db, { email: `x-${c.accId}@example.test` });
    const bid = await createBid(t.db, c.accId, org.id, { proposal_days: '6', proposal_price_eur: '7000' });
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    await agent
      .post(`/accompaniments/${c.accId}/consultation/select`)
      .type('form')
      .send({ _csrf: csrf, selected_bid_id: bid, selected_on: '2015-11-20', selection_rationale: 'Seul candidat.' })
      .expect(302);
    const page = await getCaseTab(agent, c.accId, 'consultation').expect(200);
    expect(page.text).toContain('diffère du budget de l’accompagnement');
    expect(page.text).not.toContain('/consultation/apply-budget');
    const acc = await t.db('accompaniments').where({ id: c.accId }).first('budget_days', 'budget_eur');
    expect([Number(acc.budget_days), Number(acc.budget_eur)]).toEqual([5, 5000]);
  });
});
