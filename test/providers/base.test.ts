import request from 'supertest';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { createProviderOrg } from '../factories/consultations';
import { createProfile, providerWorld, type ProviderWorld } from '../factories/providers';
import { createUser } from '../factories';

let t: TestApp;
let w: ProviderWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await providerWorld(t.db);
  // The national lists may be seeded (migrations); these tests add nothing to them and use their codes.
  await t
    .db('reference_items')
    .insert([
      { list: 'theme', code: 'governance', label_fr: 'Gouvernance', label_en: 'Governance' },
      { list: 'theme', code: 'accounting', label_fr: 'Comptabilité', label_en: 'Accounting' },
      { list: 'sector', code: 'insertion', label_fr: 'Insertion', label_en: 'Work integration' },
    ])
    .onConflict(['list', 'code'])
    .ignore();
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<typeof loginAs>>;
const as = (u: { email: string }) => loginAs(t.app, u.email);
const post = (a: Agent, url: string, body: Record<string, string | string[]>) =>
  a.agent
    .post(url)
    .type('form')
    .send({ _csrf: a.csrf, ...body });
const profile = (id: string) => t.db('provider_profiles').where({ organisation_id: id }).first();

describe('the provider base, for the direction', () => {
  it('creates a profile (listing pending since the day typed), edits it, lists the provider, and adds a consultant', async () => {
    const m = await as(w.manager);
    const p = await createProviderOrg(t.db, { name: 'Les Tisserands Conseil' });
    const edit = await m.agent.get(`/providers/${p.id}/edit`).expect(200);
    expect(edit.text).toContain('Candidature au référencement reçue le');

    await post(m, `/providers/${p.id}`, {
      pending_since: '2026-01-05',
      themes: ['governance', 'accounting'],
      sectors: 'insertion',
      departments: '90, 25 70',
      description: 'Cabinet coopératif',
    }).expect(302);
    expect(await profile(p.id)).toMatchObject({
      listing_status: 'pending',
      listing_status_on: '2026-01-05',
      themes: ['governance', 'accounting'],
      sectors: ['insertion'],
      departments: ['90', '25', '70'],
    });
    const audit = await t.db('audit_log').where({ action: 'provider.profile_create', entity_id: p.id }).first();
    expect(audit.actor_id).toBe(w.manager.id);

    await post(m, `/providers/${p.id}/listing`, { event: 'list', happened_on: '2026-02-02', reason: '' }).expect(302);
    expect(await profile(p.id)).toMatchObject({ listing_status: 'listed', renewal_due_on: '2027-02-02' });

    await post(m, `/providers/${p.id}/consultants`, {
      name: 'Pierre Tisserand',
      email: 'p.tisserand@example.test',
      phone: '03 84 00 00 00',
      themes: 'accounting',
      active: 'on',
    }).expect(302);
    const page = await m.agent.get(`/providers/${p.id}`).expect(200);
    expect(page.text).toContain('Référencé');
    expect(page.text).toContain('2 février 2027');
    expect(page.text).toContain('Pierre Tisserand');
    expect(page.text).toContain('Gouvernance, Comptabilité');

    const c = await t.db('provider_consultants').where({ provider_id: p.id }).first();
    await post(m, `/providers/${p.id}/consultants/${c.id}`, { name: 'Pierre Tisserand', themes: 'accounting' }).expect(
      302,
    );
    expect(await t.db('provider_consultants').where({ id: c.id }).first()).toMatchObject({
      active: false,
      email: null,
    });
  });

  it('refuses bad input in French next to the field, keeping what was typed (422), and changes nothing', async () => {
    const m = await as(w.manager);
    const p = await createProviderOrg(t.db);
    const res = await post(m, `/providers/${p.id}`, {
      pending_since: '2099-01-01',
      themes: ['governance', 'pas un code'],
      departments: '90, 99',
      description: 'Texte gardé',
    }).expect(422);
    expect(res.text).toContain('Des codes ne sont pas valides');
    expect(res.text).toContain('Saisissez des numéros de département séparés par des virgules');
    expect(res.text).toContain('Cette date est dans le futur');
    expect(res.text).toContain('Texte gardé');
    expect(res.text).toContain('value="90, 99"');
    expect(await profile(p.id)).toBeUndefined();

    // A code the national list does not have; a first save without its date.
    const unknown = await post(m, `/providers/${p.id}`, { pending_since: '2026-01-05', themes: 'astrologie' }).expect(
      422,
    );
    expect(unknown.text).toContain('Ces codes ne sont pas dans la liste nationale : astrologie.');
    const noDate = await post(m, `/providers/${p.id}`, { themes: 'governance' }).expect(422);
    expect(noDate.text).toMatch(/field-pending_since-error">Ce champ est obligatoire/);

    await createProfile(t.db, p.id, { status: 'listed', on: '2026-01-10' });
    const leave = await post(m, `/providers/${p.id}/listing`, {
      event: 'delist',
      happened_on: '2026-02-01',
      reason: '',
    });
    expect(leave.status).toBe(422);
    expect(leave.text).toContain('Indiquez le motif de la sortie du référencement.');
    const before = await post(m, `/providers/${p.id}/listing`, { event: 'renew', happened_on: '2025-12-01' });
    expect(before.status).toBe(422);
    expect(before.text).toContain('La date ne peut pas précéder le référencement actuel (10 janvier 2026).');
    const wrong = await post(m, `/providers/${p.id}/listing`, { event: 'reapply', happened_on: '2026-02-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Cette décision n’est pas possible depuis le référencement actuel');
    expect((await profile(p.id)).listing_status).toBe('listed');

    const badConsultant = await post(m, `/providers/${p.id}/consultants`, { name: '', email: 'pas-une-adresse' });
    expect(badConsultant.status).toBe(422);
    expect(badConsultant.text).toContain('Ce champ est obligatoire.');
    expect(badConsultant.text).toContain('Saisissez une adresse e-mail valide');
    expect(badConsultant.text).toContain('value="pas-une-adresse"');
  });

  it('keeps a colleague’s save: an edit on a stale version answers 409 with the input kept', async () => {
    const m = await as(w.manager);
    const p = await createProviderOrg(t.db);
    await createProfile(t.db, p.id);
    await post(m, `/providers/${p.id}`, { themes: 'governance', lock_version: '0' }).expect(302);
    const stale = await post(m, `/providers/${p.id}`, {
      themes: 'accounting',
      description: 'Ma version',
      lock_version: '0',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Ma version');
    expect((await profile(p.id)).themes).toEqual(['governance']);
  });
});

describe('who sees and changes the base', () => {
  it('lets coordinators read the base and a provider’s page, never change them', async () => {
    const c = await as(w.coordinator);
    await createProfile(t.db, w.provider.id, { status: 'listed' });
    await c.agent.get('/providers').expect(200);
    const page = await c.agent.get(`/providers/${w.provider.id}`).expect(200);
    expect(page.text).not.toContain(`/providers/${w.provider.id}/edit`);
    expect(page.text).not.toContain('Enregistrer la décision');
    await c.agent.get(`/providers/${w.provider.id}/edit`).expect(403);
    await post(c, `/providers/${w.provider.id}`, { themes: 'accounting' }).expect(403);
    await post(c, `/providers/${w.provider.id}/listing`, {
      event: 'delist',
      happened_on: '2026-02-01',
      reason: 'x',
    }).expect(403);
    await post(c, `/providers/${w.provider.id}/consultants`, { name: 'Intrus' }).expect(403);
    expect((await profile(w.provider.id)).listing_status).toBe('listed');
    expect(await t.db('provider_consultants').where({ name: 'Intrus' })).toHaveLength(0);
  });

  it('shows a provider its own profile only; funders, relays and structures get nothing', async () => {
    const other = await createProviderOrg(t.db);
    const pr = await as(w.providerUser);
    const own = await pr.agent.get(`/providers/${w.provider.id}`).expect(200);
    expect(own.text).toContain('Cabinet Hélios');
    expect(own.text).not.toContain('Enregistrer la décision');
    await pr.agent.get(`/providers/${other.id}`).expect(404);
    await pr.agent.get('/providers').expect(403);
    // Its consultants are its own to keep up to date; its profile and listing are not.
    await post(pr, `/providers/${w.provider.id}/consultants`, { name: 'Moi-même', active: 'on' }).expect(302);
    expect(await t.db('provider_consultants').where({ provider_id: w.provider.id, name: 'Moi-même' })).toHaveLength(1);
    await post(pr, `/providers/${w.provider.id}`, { themes: 'accounting' }).expect(403);
    await post(pr, `/providers/${w.provider.id}/listing`, {
      event: 'delist',
      happened_on: '2026-02-01',
      reason: 'x',
    }).expect(403);
    await post(pr, `/providers/${other.id}/consultants`, { name: 'Chez un autre' }).expect(404);
    for (const u of [w.funder, w.relay, w.beneficiary]) {
      const a = await as(u);
      await a.agent.get('/providers').expect(403);
      await a.agent.get(`/providers/${w.provider.id}`).expect(404);
      await post(a, `/providers/${w.provider.id}/listing`, { event: 'delist', happened_on: '2026-02-01' }).expect(404);
    }
    // Not a provider at all (an operator's id): 404 for the staff too.
    const m = await as(w.manager);
    await m.agent.get(`/providers/${w.operator.id}`).expect(404);
    await m.agent.get('/providers/abc').expect(404);
  });
});

describe('the list', () => {
  it('filters by theme, département and status, the listed first', async () => {
    const operator2 = await createUser(t.db, { role: 'coordinator' });
    const a = await createProviderOrg(t.db, { name: 'Zeta Conseil' });
    const b = await createProviderOrg(t.db, { name: 'Alpha Conseil' });
    const c = await createProviderOrg(t.db, { name: 'Beta Conseil' });
    await createProfile(t.db, a.id, { status: 'listed', themes: ['governance'], departments: ['90'] });
    await createProfile(t.db, b.id, { status: 'pending', themes: ['governance'], departments: ['25'] });
    await createProfile(t.db, c.id, { status: 'not_listed', themes: ['accounting'], departments: ['90'] });
    const s = await as(operator2);
    const names = async (q: string) => {
      const res = await s.agent.get(`/providers${q}`).expect(200);
      return [a, b, c]
        .map((p) => ({ name: p.name, at: res.text.indexOf(`>${p.name}<`) }))
        .filter((x) => x.at >= 0)
        .sort((x, y) => x.at - y.at)
        .map((x) => x.name);
    };
    expect(await names('')).toEqual(['Zeta Conseil', 'Alpha Conseil', 'Beta Conseil']);
    expect(await names('?theme=governance')).toEqual(['Zeta Conseil', 'Alpha Conseil']);
    expect(await names('?department=90')).toEqual(['Zeta Conseil', 'Beta Conseil']);
    expect(await names('?status=pending&department=25')).toEqual(['Alpha Conseil']);
    // A bad filter is dropped, never an error.
    expect(await names('?status=nope&department=%3Cb%3E')).toEqual(['Zeta Conseil', 'Alpha Conseil', 'Beta Conseil']);
    const phone = await s.agent.get('/providers').expect(200);
    expect(phone.text).toContain('table--labelled');
    expect(phone.text).toContain('data-label="Référencement"');
  });
});

describe('a provider’s record in Jalons', () => {
  it('counts the cases its bid won that the reader may see, their satisfaction and the days from selection to convention', async () => {
    const p = await createProviderOrg(t.db, { name: 'Record Conseil' });
    await createProfile(t.db, p.id);
    const [{ id: accId }] = await t
      .db('accompaniments')
      .insert({
        operator_id: w.operator.id,
        coordinator_id: w.coordinator.id,
        title: 'Accompagnement retenu',
        kind: 'collective',
        state: 'close_out',
        intake_on: '2015-07-01',
      })
      .returning('id');
    await t.db('consultation_bids').insert({
      accompaniment_id: accId,
      provider_id: p.id,
      invited_on: '2015-10-20',
      status: 'selected',
      received_on: '2015-11-05',
    });
    await t.db('consultations').insert({ accompaniment_id: accId, selected_on: '2015-12-01' });
    await t
      .db('accompaniment_transitions')
      .insert({ accompaniment_id: accId, from_state: 'convention', to_state: 'delivery', on_date: '2016-01-04' });
    const structure = await createUser(t.db, { role: 'beneficiary' });
    for (const [org, overall] of [
      [structure.organisation_id, 4],
      [(await createUser(t.db, { role: 'beneficiary' })).organisation_id, 5],
    ] as const)
      await t.db('satisfaction_surveys').insert({
        accompaniment_id: accId,
        organisation_id: org,
        score_quality: 4,
        score_listening: 5,
        score_deliverables: 3,
        score_overall: overall,
        answered_by: w.coordinator.id,
        answered_on: '2016-10-01',
      });
    // Another operator's case won by the same provider: not counted for this operator's staff.
    const stranger = await createUser(t.db, { role: 'coordinator' });
    const [{ id: otherAcc }] = await t
      .db('accompaniments')
      .insert({
        operator_id: stranger.organisation_id,
        title: 'Ailleurs',
        kind: 'individual',
        state: 'delivery',
        intake_on: '2015-07-01',
      })
      .returning('id');
    await t
      .db('consultation_bids')
      .insert({ accompaniment_id: otherAcc, provider_id: p.id, invited_on: '2015-10-20', status: 'selected' });

    const c = await as(w.coordinator);
    const page = await c.agent.get(`/providers/${p.id}`).expect(200);
    expect(page.text).toContain('Accompagnement retenu');
    expect(page.text).not.toContain('Ailleurs');
    expect(page.text).toContain('globale 4,5 · qualité 4 · écoute 5 · livrables 3 (2 questionnaires)');
    expect(page.text).toContain('34 jours en moyenne (1 accompagnement)');
    expect(page.text).toContain('aucun bon de commande, aucune facture, aucun paiement');
  });
});

describe('the pages answer an anonymous visitor with the login', () => {
  it('redirects', async () => {
    const res = await request(t.app).get('/providers');
    expect(res.status).toBe(302);
  });
});
