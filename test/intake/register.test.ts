import { localToday } from '../../src/platform/dates';
import { createUser } from '../factories';
import { createStructure, validSiret } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { createIntakeRow, daysBefore, intakeWorld, type IntakeWorld } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<typeof loginAs>>;

const requestForm = (a: Agent, w: IntakeWorld, overrides: Record<string, unknown> = {}) => ({
  _csrf: a.csrf,
  structure_mode: 'existing',
  organisation_id: w.structure.id,
  contact_name: 'Aline Martin',
  contact_role: 'Directrice',
  contact_email: 'Aline.Martin@example.test',
  contact_phone: '03 84 00 00 00',
  received_on: '2015-09-14',
  channel: 'phone',
  need: 'Structurer la fonction employeur après deux recrutements.',
  eligibility_met: ['Structure d’utilité sociale employeuse', 'Besoin relevant du DLA'],
  eligibility_notes: 'Siège à vérifier.',
  owner_id: w.coordinator.id,
  ...overrides,
});

const created = (location: string) => location.split('/').pop()!;

describe('recording a request', () => {
  it('records a request of a structure of the directory, with its contact, checklist and owner, logged as received', async () => {
    const w = await intakeWorld(t.db);
    const a = await loginAs(t.app, w.coordinator.email);
    const page = await a.agent.get('/intake/new').expect(200);
    expect(page.text).toContain(w.structure.name);
    expect(page.text).toContain('Structure d’utilité sociale employeuse');
    expect(page.text).toContain(`value="${localToday()}"`);
    // The owner is whoever records the request, by default.
    expect(page.text).toMatch(new RegExp(`<option value="${w.coordinator.id}" selected>`));

    const res = await a.agent.post('/intake').type('form').send(requestForm(a, w)).expect(302);
    const id = created(res.headers.location);
    const row = await t.db('intake_requests').where({ id }).first();
    expect(row).toMatchObject({
      operator_id: w.operator.id,
      organisation_id: w.structure.id,
      contact_name: 'Aline Martin',
      contact_role: 'Directrice',
      contact_email: 'aline.martin@example.test',
      received_on: '2015-09-14',
      channel: 'phone',
      referred_by: null,
      eligibility_met: ['Structure d’utilité sociale employeuse', 'Besoin relevant du DLA'],
      eligibility_notes: 'Siège à vérifier.',
      owner_id: w.coordinator.id,
      status: 'received',
      created_by: w.coordinator.id,
    });
    expect(
      await t
        .db('intake_request_transitions')
        .where({ intake_request_id: id })
        .select('event', 'to_status', 'happened_on'),
    ).toEqual([{ event: 'create', to_status: 'received', happened_on: '2015-09-14' }]);
    expect(await t.db('audit_log').where({ entity_type: 'intake_request', entity_id: id }).pluck('action')).toEqual([
      'intake_request.create',
    ]);

    const show = await a.agent.get(`/intake/${id}`).expect(200);
    expect(show.text).toContain('La demande est enregistrée.');
    expect(show.text).toContain('Structurer la fonction employeur');
    expect(show.text).toContain('Reçue, sans réponse');
    expect(show.text).toContain('Demande reçue');
    expect(show.text).toContain('14 septembre 2015');
    expect(show.text).toContain('Donner une suite à la demande');
  });

  it('creates a new structure in the directory with the request, and a partner referral names its partner', async () => {
    const w = await intakeWorld(t.db);
    const a = await loginAs(t.app, w.manager.email);
    const siret = validSiret();
    const res = await a.agent
      .post('/intake')
      .type('form')
      .send(
        requestForm(a, w, {
          structure_mode: 'new',
          organisation_id: '',
          new_name: 'La Ressourcerie du Lion',
          new_siret: siret,
          new_legal_form: 'association',
          new_city: 'Belfort',
          new_department: '90',
          channel: 'partner_referral',
          referred_by: 'France Active Franche-Comté',
          owner_id: w.colleague.id,
        }),
      )
      .expect(302);
    const row = await t
      .db('intake_requests')
      .where({ id: created(res.headers.location) })
      .first();
    const org = await t.db('organisations').where({ id: row.organisation_id }).first();
    expect(org).toMatchObject({ kind: 'structure', name: 'La Ressourcerie du Lion', siret, department: '90' });
    expect(await t.db('structures').where({ organisation_id: org.id }).first('legal_form', 'city')).toEqual({
      legal_form: 'association',
      city: 'Belfort',
    });
    expect(row).toMatchObject({ channel: 'partner_referral', referred_by: 'France Active Franche-Comté' });
    expect(row.owner_id).toBe(w.colleague.id);
    expect(await t.db('audit_log').where({ entity_type: 'structure', entity_id: org.id }).pluck('action')).toEqual([
      'structure.create',
    ]);
  });

  it('refuses bad input next to each field in French, keeping what was typed, and records nothing (422)', async () => {
    const w = await intakeWorld(t.db);
    const a = await loginAs(t.app, w.coordinator.email);
    const before = await t.db('intake_requests').count({ n: '*' });
    const future = `${new Date().getFullYear() + 1}-01-15`;
    const res = await a.agent
      .post('/intake')
      .type('form')
      .send(
        requestForm(a, w, {
          organisation_id: '',
          received_on: future,
          channel: 'partner_referral',
          referred_by: '',
          need: 'Besoin noté au téléphone',
          contact_email: 'pas-une-adresse',
        }),
      )
      .expect(422);
    expect(res.text).toMatch(/id="field-organisation_id-error">Choisissez la structure dans la liste/);
    expect(res.text).toMatch(/id="field-received_on-error">Cette date est dans le futur/);
    expect(res.text).toMatch(/id="field-referred_by-error">Indiquez le partenaire qui a orienté la structure.</);
    expect(res.text).toMatch(/id="field-contact_email-error">Saisissez une adresse e-mail valide/);
    expect(res.text).toContain('Besoin noté au téléphone');
    expect(res.text).toContain(`value="${future}"`);
    expect(res.text).toContain('value="Aline Martin"');

    const newWithout = await a.agent
      .post('/intake')
      .type('form')
      .send(requestForm(a, w, { structure_mode: 'new', organisation_id: '', new_name: '', new_city: 'Delle' }))
      .expect(422);
    expect(newWithout.text).toMatch(/id="field-new_name-error">Indiquez le nom de la nouvelle structure.</);
    expect(newWithout.text).toContain('value="Delle"');

    // A name already in the directory: pick it instead (checked by the command).
    const taken = await a.agent
      .post('/intake')
      .type('form')
      .send(requestForm(a, w, { structure_mode: 'new', new_name: w.structure.name.toUpperCase() }))
      .expect(422);
    expect(taken.text).toMatch(/id="field-new_name-error">Une structure de l’annuaire porte déjà ce nom/);

    // A criterion that is not the operator's, an owner of another operator.
    const stranger = await createUser(t.db, { role: 'coordinator' });
    const refused = await a.agent
      .post('/intake')
      .type('form')
      .send(requestForm(a, w, { eligibility_met: 'Critère inventé' }))
      .expect(422);
    expect(refused.text).toContain('Un critère coché ne fait plus partie de la liste de l’opérateur');
    const foreignOwner = await a.agent
      .post('/intake')
      .type('form')
      .send(requestForm(a, w, { owner_id: stranger.id }))
      .expect(422);
    expect(foreignOwner.text).toMatch(/id="field-owner_id-error">Choisissez la personne de l’opérateur/);
    expect(await t.db('intake_requests').count({ n: '*' })).toEqual(before);
    expect(await t.db('organisations').where({ name: 'Delle' })).toEqual([]);
  });

  it('offers the structures of the operator’s département, and any other one found by name', async () => {
    const w = await intakeWorld(t.db);
    const far = await createStructure(t.db, { name: `Atelier du Haut-Doubs ${Date.now()}`, department: '25' });
    const a = await loginAs(t.app, w.coordinator.email);
    const page = await a.agent.get('/intake/new').expect(200);
    expect(page.text).toContain(w.structure.name);
    expect(page.text).not.toContain(far.name);
    const found = await a.agent.get(`/intake/new?structure_q=${encodeURIComponent('haut-doubs')}`).expect(200);
    expect(found.text).toContain(far.name);
    const res = await a.agent
      .post('/intake')
      .type('form')
      .send(requestForm(a, w, { organisation_id: far.id }))
      .expect(302);
    expect(
      (
        await t
          .db('intake_requests')
          .where({ id: created(res.headers.location) })
          .first()
      ).organisation_id,
    ).toBe(far.id);
  });
});

describe('the register', () => {
  it('lists the oldest unanswered first, then the answered ones, and filters by status, channel, owner, year and delay', async () => {
    const w = await intakeWorld(t.db);
    const s2 = await createStructure(t.db, { name: `Régie de quartier ${Date.now()}` });
    const s3 = await createStructure(t.db, { name: `Jardin solidaire ${Date.now()}` });
    const s4 = await createStructure(t.db, { name: `Épicerie sociale ${Date.now()}` });
    await createIntakeRow(t.db, w, { received_on: daysBefore(3), channel: 'email' });
    await createIntakeRow(t.db, { ...w, structure: s2 }, { received_on: daysBefore(40), owner_id: w.colleague.id });
    await createIntakeRow(
      t.db,
      { ...w, structure: s3 },
      { received_on: '2016-02-01', status: 'no_follow_up', outcome_on: '2016-02-10' },
    );
    await createIntakeRow(t.db, { ...w, structure: s4 }, { received_on: daysBefore(20), channel: 'event' });
    // Another operator's request never shows.
    const other = await intakeWorld(t.db);
    await createIntakeRow(t.db, other, {});

    const a = await loginAs(t.app, w.coordinator.email);
    const names = async (query = '') => {
      const res = await a.agent.get(`/intake${query}`).expect(200);
      return [...res.text.matchAll(/<a href="\/intake\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    expect(await names()).toEqual([s2.name, s4.name, w.structure.name, s3.name]);
    expect(await names('?status=no_follow_up')).toEqual([s3.name]);
    expect(await names('?channel=event')).toEqual([s4.name]);
    expect(await names(`?owner=${w.colleague.id}`)).toEqual([s2.name]);
    expect(await names('?owner=me')).toEqual([s4.name, w.structure.name, s3.name]);
    expect(await names('?year=2016')).toEqual([s3.name]);
    expect(await names('?unanswered=15')).toEqual([s2.name, s4.name]);
    expect(await names('?unanswered=30&owner=me')).toEqual([]);
    // Garbage in the query string is no filter, never an error.
    expect(await names('?status=nope&year=abc&unanswered=-1&owner=x')).toHaveLength(4);
    const page = await a.agent.get('/intake').expect(200);
    expect(page.text).toContain('depuis 40 jours');
    expect(page.text).toContain('Sans suite');
    expect(page.text).toContain('Accueil des demandes');
  });
});

describe('who reaches the register', () => {
  it('is for the operator’s staff: other operators get a 404 on a request, other roles a 403 on the register', async () => {
    const w = await intakeWorld(t.db);
    const r = await createIntakeRow(t.db, w);
    for (const user of [w.coordinator, w.colleague, w.manager, w.admin]) {
      const { agent } = await loginAs(t.app, user.email);
      await agent.get(`/intake/${r.id}`).expect(200);
      await agent.get('/intake').expect(200);
      await agent.get('/intake/new').expect(200);
    }
    const other = await intakeWorld(t.db);
    const outsider = await loginAs(t.app, other.coordinator.email);
    await outsider.agent.get(`/intake/${r.id}`).expect(404);
    expect((await outsider.agent.get('/intake').expect(200)).text).not.toContain(w.structure.name);
    await outsider.agent
      .post(`/intake/${r.id}/outcome`)
      .type('form')
      .send({ _csrf: outsider.csrf, outcome: 'no_follow_up', outcome_on: '2015-09-20', outcome_reason: 'x' })
      .expect(404);

    for (const role of ['provider', 'funder', 'relay', 'beneficiary'] as const) {
      const user = await createUser(t.db, { role });
      const a = await loginAs(t.app, user.email);
      await a.agent.get('/intake').expect(403);
      await a.agent.get('/intake/new').expect(403);
      await a.agent.get(`/intake/${r.id}`).expect(404);
      await a.agent.post('/intake').type('form').send(requestForm(a, w)).expect(403);
      await a.agent
        .post(`/intake/${r.id}/outcome`)
        .type('form')
        .send({ _csrf: a.csrf, outcome: 'no_follow_up', outcome_on: '2015-09-20', outcome_reason: 'x' })
        .expect(404);
      const home = await a.agent.get('/').expect(200);
      expect(home.text).not.toContain('href="/intake"');
    }
    expect((await t.db('intake_requests').where({ id: r.id }).first()).status).toBe('received');
    const staffHome = await loginAs(t.app, w.coordinator.email);
    expect((await staffHome.agent.get('/').expect(200)).text).toContain('href="/intake"');
  });
});
