import {
  addActionItem,
  addAttendee,
  addBeneficiary,
  addProvider,
  addWorkingGroup,
  createDeliveryCase,
  createSession,
  nextYear,
} from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The part of the session page with the open items carried forward from earlier sessions. */
const carriedPart = (html: string) => html.slice(html.indexOf('id="carried"'));
const ownPart = (html: string) =>
  html.slice(html.indexOf('id="actions"'), html.indexOf('id="carried"') > 0 ? html.indexOf('id="carried"') : undefined);

describe('action items', () => {
  it('records an action at a session and carries it to the next session of the same group until it is closed, not to another group', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const structure = await addBeneficiary(t.db, accId, 'Association Intermédiaire du Territoire');
    const compta = await addWorkingGroup(t.db, accId, 'Comptabilité');
    const com = await addWorkingGroup(t.db, accId, 'Communication');
    const s1 = await createSession(t.db, accId, {
      type: 'working_group',
      working_group_id: compta.id,
      title: 'Comptabilité 1',
      starts_at: new Date('2016-03-16T08:00:00Z'),
    });
    const s2 = await createSession(t.db, accId, {
      type: 'working_group',
      working_group_id: compta.id,
      title: 'Comptabilité 2',
      starts_at: new Date('2016-04-30T08:00:00Z'),
    });
    const other = await createSession(t.db, accId, {
      type: 'working_group',
      working_group_id: com.id,
      title: 'Communication 1',
      starts_at: new Date('2016-05-10T08:00:00Z'),
    });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);

    const res = await agent
      .post(`/sessions/${s1}/actions`)
      .type('form')
      .send({
        _csrf: csrf,
        what: 'Comparer les plans comptables des quatre structures',
        owner_name: 'Carla Compta',
        owner_organisation_id: structure.id,
        due_on: '2016-04-15',
      })
      .expect(302);
    expect(res.headers.location).toBe(`/sessions/${s1}#actions`);
    await agent
      .post(`/sessions/${s1}/actions`)
      .type('form')
      .send({ _csrf: csrf, what: 'Action déjà faite' })
      .expect(302);
    const items = await t.db('action_items').where({ session_id: s1 }).orderBy('id');
    expect(items.map((i) => [i.what, i.status, String(i.working_group_id)])).toEqual([
      ['Comparer les plans comptables des quatre structures', 'open', compta.id],
      ['Action déjà faite', 'open', compta.id],
    ]);
    expect(items[0]).toMatchObject({ owner_name: 'Carla Compta', due_on: '2016-04-15' });
    expect(
      await t
        .db('audit_log')
        .where({ action: 'action_item.create', entity_id: String(items[0].id) })
        .first(),
    ).toBeTruthy();
    await agent
      .post(`/action-items/${items[1].id}`)
      .type('form')
      .send({ _csrf: csrf, status: 'done', next: `/sessions/${s1}#actions` })
      .expect(302);

    const first = await agent.get(`/sessions/${s1}`).expect(200);
    expect(ownPart(first.text)).toContain('Comparer les plans comptables des quatre structures');
    expect(ownPart(first.text)).toContain('Carla Compta, Association Intermédiaire du Territoire');
    expect(ownPart(first.text)).toContain('15 avril 2016');
    expect(carriedPart(first.text)).toContain('Aucune action ouverte des séances précédentes.');

    const next = await agent.get(`/sessions/${s2}`).expect(200);
    expect(carriedPart(next.text)).toContain('Comparer les plans comptables des quatre structures');
    expect(carriedPart(next.text)).toContain('Décidée le 16 mars 2016 (Comptabilité 1)');
    expect(carriedPart(next.text)).not.toContain('Action déjà faite');
    expect(carriedPart(next.text)).toContain(`action="/action-items/${items[0].id}"`);
    const otherGroup = await agent.get(`/sessions/${other}`).expect(200);
    expect(otherGroup.text).not.toContain('Comparer les plans comptables');

    // In progress: still carried; done at the next session: no longer.
    await agent
      .post(`/action-items/${items[0].id}`)
      .type('form')
      .send({ _csrf: csrf, status: 'in_progress', next: `/sessions/${s2}#carried` })
      .expect(302);
    expect(carriedPart((await agent.get(`/sessions/${s2}`)).text)).toContain('Comparer les plans comptables');
    const done = await agent
      .post(`/action-items/${items[0].id}`)
      .type('form')
      .send({ _csrf: csrf, status: 'done', next: `/sessions/${s2}#carried` })
      .expect(302);
    expect(done.headers.location).toBe(`/sessions/${s2}#carried`);
    const closed = await t.db('action_items').where({ id: items[0].id }).first();
    expect(closed.status).toBe('done');
    expect(closed.closed_at).not.toBeNull();
    const audit = await t
      .db('audit_log')
      .where({ action: 'action_item.status', entity_id: String(items[0].id) })
      .orderBy('id', 'desc')
      .first();
    expect(audit.details).toMatchObject({ from: 'in_progress', to: 'done' });
    const after = await agent.get(`/sessions/${s2}`).expect(200);
    expect(after.text).toContain('Action passée au statut « Faite ».');
    expect(carriedPart(after.text)).not.toContain('Comparer les plans comptables');
    // Reopened: carried again, closing date cleared.
    await agent.post(`/action-items/${items[0].id}`).type('form').send({ _csrf: csrf, status: 'open' }).expect(302);
    expect((await t.db('action_items').where({ id: items[0].id }).first()).closed_at).toBeNull();
  });

  it('carries the steering committee’s open actions to its later sessions only', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const before = await createSession(t.db, accId, {
      type: 'steering_committee',
      title: 'Copil 0',
      starts_at: new Date('2016-01-10T09:00:00Z'),
    });
    const copil1 = await createSession(t.db, accId, {
      type: 'steering_committee',
      title: 'Copil 1',
      starts_at: new Date('2016-02-12T09:00:00Z'),
    });
    const copil2 = await createSession(t.db, accId, {
      type: 'steering_committee',
      title: 'Copil 2',
      starts_at: new Date('2016-06-13T09:00:00Z'),
    });
    const interview = await createSession(t.db, accId, {
      type: 'interview',
      title: 'Entretien',
      starts_at: new Date('2016-07-01T09:00:00Z'),
    });
    const group = await addWorkingGroup(t.db, accId, 'Gouvernance');
    const wg = await createSession(t.db, accId, {
      type: 'working_group',
      working_group_id: group.id,
      title: 'Gouvernance 1',
      starts_at: new Date('2016-07-02T09:00:00Z'),
    });
    await addActionItem(t.db, accId, copil1, 'Rédiger le texte fédérateur');
    const { agent } = await loginAs(t.app, coordinator.email);
    expect(carriedPart((await agent.get(`/sessions/${copil2}`)).text)).toContain('Rédiger le texte fédérateur');
    expect((await agent.get(`/sessions/${before}`)).text).not.toContain('Rédiger le texte fédérateur');
    expect((await agent.get(`/sessions/${interview}`)).text).not.toContain('Rédiger le texte fédérateur');
    expect((await agent.get(`/sessions/${wg}`)).text).not.toContain('Rédiger le texte fédérateur');
  });

  it('refuses an action without its text, an owner outside the case or an unknown status, keeping the input', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const stranger = await createDeliveryCase(t.db);
    const foreign = await addBeneficiary(t.db, stranger.accId);
    const id = await createSession(t.db, accId, { type: 'steering_committee' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/sessions/${id}/actions`)
      .type('form')
      .send({ _csrf: csrf, what: '', owner_name: 'Bruno Petit', due_on: '2016-13-01' })
      .expect(422);
    expect(res.text).toMatch(/id="field-what-error">Ce champ est obligatoire.</);
    expect(res.text).toMatch(/id="field-due_on-error">Saisissez une date valide/);
    expect(res.text).toContain('value="Bruno Petit"');
    const owner = await agent
      .post(`/sessions/${id}/actions`)
      .type('form')
      .send({ _csrf: csrf, what: 'Appeler la banque', owner_organisation_id: foreign.id })
      .expect(422);
    expect(owner.text).toMatch(/id="field-owner_organisation_id-error">Choisissez une valeur dans la liste.</);
    expect(owner.text).toContain('Appeler la banque</textarea>');
    expect(await t.db('action_items').where({ session_id: id })).toEqual([]);

    const item = await addActionItem(t.db, accId, id, 'Appeler la banque');
    const bad = await agent
      .post(`/action-items/${item}`)
      .type('form')
      .send({ _csrf: csrf, status: 'forgotten' })
      .expect(422);
    expect(bad.text).toMatch(/id="field-status-error">Choisissez une valeur dans la liste.</);
    await agent.post('/action-items/abc').type('form').send({ _csrf: csrf, status: 'done' }).expect(404);
    const foreignItem = await addActionItem(t.db, stranger.accId, null, 'Pas à vous');
    await agent.post(`/action-items/${foreignItem}`).type('form').send({ _csrf: csrf, status: 'done' }).expect(404);
    expect((await t.db('action_items').where({ id: foreignItem }).first()).status).toBe('open');
  });
});

/** The version the attendance form carries (optimistic locking). */
const lockIn = (html: string) => html.match(/name="lock_version" value="(\d+)"/)![1];

describe('attendance', () => {
  it('refuses "present" or "absent" before the session starts, accepts an excuse', async () => {
    const { accId } = await createDeliveryCase(t.db);
    const { user: provider } = await addProvider(t.db, accId);
    const id = await createSession(t.db, accId, {
      status: 'planned',
      starts_at: new Date(`${nextYear()}-02-12T08:30:00Z`),
    });
    const alice = await addAttendee(t.db, id, 'Alice Martin');
    const bruno = await addAttendee(t.db, id, 'Bruno Petit');
    const { agent, csrf } = await loginAs(t.app, provider.email);
    const form = await agent.get(`/sessions/${id}/attendance`).expect(200);
    expect(form.text).toContain('La séance n’a pas encore commencé');
    expect(form.text).toMatch(new RegExp(`name="presence_${alice}" value="present" disabled`));

    const res = await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({
        _csrf: csrf,
        [`presence_${alice}`]: 'present',
        [`presence_${bruno}`]: 'excused',
        guest_name: 'Invitée Tardive',
        guest_organisation: 'Région',
      })
      .expect(422);
    expect(res.text).toContain(
      'Alice Martin ne peut pas être noté·e présent·e ou absent·e avant le début de la séance.',
    );
    expect(res.text).toContain('value="Invitée Tardive"');
    expect(res.text).toMatch(new RegExp(`name="presence_${bruno}" value="excused" checked`));
    expect(
      (await t.db('session_attendees').where({ session_id: id }).orderBy('name').select('presence')).map(
        (a) => a.presence,
      ),
    ).toEqual(['invited', 'invited']);

    await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({ _csrf: csrf, [`presence_${alice}`]: 'absent' })
      .expect(422);
    await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({ _csrf: csrf, [`presence_${bruno}`]: 'excused', lock_version: lockIn(form.text) })
      .expect(302);
    expect((await t.db('session_attendees').where({ id: bruno }).first()).presence).toBe('excused');
  });

  it('records who came once the session has started, adds a guest, and audits it', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, { starts_at: new Date('2016-02-12T08:30:00Z') });
    const alice = await addAttendee(t.db, id, 'Alice Martin');
    const bruno = await addAttendee(t.db, id, 'Bruno Petit');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const orgOnly = await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({ _csrf: csrf, guest_organisation: 'DDETS' })
      .expect(422);
    expect(orgOnly.text).toMatch(/id="field-guest_name-error">Indiquez le nom de la personne.</);
    const wrong = await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({ _csrf: csrf, [`presence_${alice}`]: 'maybe' })
      .expect(422);
    expect(wrong.text).toContain('Choisissez une valeur dans la liste.');

    const form = await agent.get(`/sessions/${id}/attendance`).expect(200);
    const res = await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({
        _csrf: csrf,
        [`presence_${alice}`]: 'present',
        [`presence_${bruno}`]: 'absent',
        guest_name: 'Denise Roux',
        guest_organisation: 'DDETS 90',
        lock_version: lockIn(form.text),
      })
      .expect(302);
    expect(res.headers.location).toBe(`/sessions/${id}#attendance`);
    const people = await t
      .db('session_attendees')
      .where({ session_id: id })
      .orderBy('name')
      .select('name', 'organisation_name', 'presence');
    expect(people).toEqual([
      { name: 'Alice Martin', organisation_name: null, presence: 'present' },
      { name: 'Bruno Petit', organisation_name: null, presence: 'absent' },
      { name: 'Denise Roux', organisation_name: 'DDETS 90', presence: 'invited' },
    ]);
    const audit = await t.db('audit_log').where({ action: 'session.attendance', entity_id: id }).first();
    expect(audit.details.changes).toHaveLength(2);
    const page = await agent.get(`/sessions/${id}`).expect(200);
    expect(page.text).toContain('Présences enregistrées.');
    expect(page.text).toContain('1 présent·e sur 3 invité·es ; 0 excusé·e, 1 absent·e.');
  });
});
