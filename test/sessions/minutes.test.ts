import {
  addActionItem,
  addAttendee,
  addFunderUser,
  addProvider,
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

const form = (csrf: string, overrides: Record<string, string> = {}) => ({
  _csrf: csrf,
  type: 'interview',
  title: 'Entretien avec la direction',
  date: '2016-03-16',
  start_time: '10:00',
  end_time: '11:30',
  days_consumed: '0,25',
  ...overrides,
});

describe('closing and reopening a session', () => {
  it('locks the minutes when closed, refuses every change, and reopens only with a reason (audited)', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, { title: 'Comité de pilotage n° 3', status: 'planned' });
    const item = await addActionItem(t.db, accId, id, 'Envoyer les statuts');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);

    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(
        form(csrf, {
          type: 'steering_committee',
          title: 'Comité de pilotage n° 3',
          lock_version: '0',
          status: 'planned',
          minutes: 'Validation du projet politique.',
          decisions: 'Adopter le texte fédérateur.',
        }),
      )
      .expect(302);
    expect((await t.db('sessions').where({ id }).first()).status).toBe('held');
    const attendee = await addAttendee(t.db, id, 'Alice Martin');

    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(302);
    const closed = await t.db('sessions').where({ id }).first();
    expect(closed.status).toBe('closed');
    expect(await t.db('audit_log').where({ action: 'session.close', entity_id: id }).first()).toBeTruthy();
    const page = await agent.get(`/sessions/${id}`).expect(200);
    expect(page.text).toContain('Séance clôturée : le compte rendu est verrouillé.');
    expect(page.text).toContain('Séance clôturée : le compte rendu et les décisions sont verrouillés.');
    expect(page.text).not.toContain(`href="/sessions/${id}/edit"`);
    expect(page.text).toContain(`href="/sessions/${id}/reopen"`);

    const locked = await agent.get(`/sessions/${id}/edit`).expect(403);
    expect(locked.text).toContain(
      'Cette séance est clôturée : son compte rendu, ses décisions et ses présences sont verrouillés.',
    );
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form(csrf, { lock_version: String(closed.lock_version), minutes: 'Réécrit après coup' }))
      .expect(403);
    await agent
      .post(`/sessions/${id}/attendance`)
      .type('form')
      .send({ _csrf: csrf, [`presence_${attendee}`]: 'present' })
      .expect(403);
    await agent.post(`/sessions/${id}/actions`).type('form').send({ _csrf: csrf, what: 'Nouvelle action' }).expect(403);
    const after = await t.db('sessions').where({ id }).first();
    expect(after.minutes).toBe('Validation du projet politique.');
    expect((await t.db('session_attendees').where({ id: attendee }).first()).presence).toBe('invited');
    // Action items of a closed session still move on: they are followed up at later sessions.
    await agent.post(`/action-items/${item}`).type('form').send({ _csrf: csrf, status: 'done' }).expect(302);

    const noReason = await agent
      .post(`/sessions/${id}/reopen`)
      .type('form')
      .send({ _csrf: csrf, reason: '   ' })
      .expect(422);
    expect(noReason.text).toMatch(/id="field-reason-error">Ce champ est obligatoire.</);
    expect((await t.db('sessions').where({ id }).first()).status).toBe('closed');

    await agent.get(`/sessions/${id}/reopen`).expect(200);
    await agent
      .post(`/sessions/${id}/reopen`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Une décision a été mal retranscrite.' })
      .expect(302);
    expect((await t.db('sessions').where({ id }).first()).status).toBe('held');
    const audit = await t.db('audit_log').where({ action: 'session.reopen', entity_id: id }).first();
    expect(String(audit.actor_id)).toBe(coordinator.id);
    expect(audit.details).toMatchObject({ reason: 'Une décision a été mal retranscrite.' });
    await agent.get(`/sessions/${id}/edit`).expect(200);
  });

  it('does not close a session that has not started yet', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, {
      status: 'planned',
      starts_at: new Date(`${nextYear()}-03-01T09:00:00Z`),
    });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(302);
    expect((await t.db('sessions').where({ id }).first()).status).toBe('planned');
    const page = await agent.get(`/sessions/${id}`).expect(200);
    expect(page.text).toContain('Une séance qui n’a pas encore commencé ne peut pas être clôturée.');
  });
});

describe('sessions logged by the provider', () => {
  it('lets the selected provider log a session that waits for the coordinator’s validation', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const { user: provider } = await addProvider(t.db, accId);
    const p = await loginAs(t.app, provider.email);
    await p.agent.get(`/accompaniments/${accId}/sessions/new`).expect(200);
    const res = await p.agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(p.csrf, { minutes: 'Entretien avec la directrice.' }))
      .expect(302);
    const s = await t.db('sessions').where({ accompaniment_id: accId }).first();
    expect(s).toMatchObject({ validated_at: null, validated_by: null, status: 'held' });
    expect(String(s.logged_by)).toBe(provider.id);
    const own = await p.agent.get(res.headers.location).expect(200);
    expect(own.text).toContain('Séance enregistrée. Elle sera validée par le ou la chargé·e de mission.');
    expect(own.text).toContain('À valider');
    expect(own.text).not.toContain(`action="/sessions/${s.id}/validate"`);
    expect(own.text).not.toContain(`action="/sessions/${s.id}/close"`);
    // The provider may not validate, close or reopen.
    await p.agent.post(`/sessions/${s.id}/validate`).type('form').send({ _csrf: p.csrf }).expect(403);
    await p.agent.post(`/sessions/${s.id}/close`).type('form').send({ _csrf: p.csrf }).expect(403);
    await p.agent.get(`/sessions/${s.id}/reopen`).expect(403);

    const c = await loginAs(t.app, coordinator.email);
    const list = await c.agent.get(`/accompaniments/${accId}/sessions`).expect(200);
    expect(list.text).toContain('À valider');
    const page = await c.agent.get(`/sessions/${s.id}`).expect(200);
    expect(page.text).toContain(`action="/sessions/${s.id}/validate"`);
    await c.agent.post(`/sessions/${s.id}/validate`).type('form').send({ _csrf: c.csrf }).expect(302);
    const validated = await t.db('sessions').where({ id: s.id }).first();
    expect(validated.validated_at).not.toBeNull();
    expect(String(validated.validated_by)).toBe(coordinator.id);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'session.validate', entity_id: String(s.id) })
        .first(),
    ).toBeTruthy();
    const after = await c.agent.get(`/sessions/${s.id}`).expect(200);
    expect(after.text).toContain('Séance validée.');
    expect(after.text).not.toContain('À valider');
    expect(after.text).toContain(`Validée le`);

    // The provider changes the record afterwards: it waits for validation again.
    await p.agent
      .post(`/sessions/${s.id}`)
      .type('form')
      .send(form(p.csrf, { lock_version: String(validated.lock_version), minutes: 'Compte rendu complété.' }))
      .expect(302);
    expect((await t.db('sessions').where({ id: s.id }).first()).validated_at).toBeNull();
  });

  it('validates a provider’s session when the coordinator closes it', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const { user: provider } = await addProvider(t.db, accId);
    const id = await createSession(t.db, accId, { logged_by: provider.id, validated_at: null });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(302);
    const s = await t.db('sessions').where({ id }).first();
    expect(s.status).toBe('closed');
    expect(String(s.validated_by)).toBe(coordinator.id);
    expect((await t.db('audit_log').where({ action: 'session.close', entity_id: id }).first()).details).toMatchObject({
      validated_on_close: true,
    });
  });

  it('answers 404 to the provider of another accompaniment and 403 to a funder', async () => {
    const { accId } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, { title: 'Séance confidentielle' });
    const item = await addActionItem(t.db, accId, id, 'Action confidentielle');
    const elsewhere = await createDeliveryCase(t.db);
    const { user: otherProvider } = await addProvider(t.db, elsewhere.accId);
    const { user: loser } = await addProvider(t.db, accId, 'not_selected');

    for (const u of [otherProvider, loser]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await agent.get(`/accompaniments/${accId}/sessions`).expect(404);
      await agent.get(`/accompaniments/${accId}/sessions/new`).expect(404);
      await agent.post(`/accompaniments/${accId}/sessions`).type('form').send(form(csrf)).expect(404);
      await agent.get(`/accompaniments/${accId}/attendance`).expect(404);
      const page = await agent.get(`/sessions/${id}`).expect(404);
      expect(page.text).not.toContain('Séance confidentielle');
      await agent.get(`/sessions/${id}/edit`).expect(404);
      await agent
        .post(`/sessions/${id}`)
        .type('form')
        .send(form(csrf, { lock_version: '0' }))
        .expect(404);
      await agent.post(`/sessions/${id}/attendance`).type('form').send({ _csrf: csrf }).expect(404);
      await agent.post(`/sessions/${id}/actions`).type('form').send({ _csrf: csrf, what: 'x' }).expect(404);
      await agent.post(`/action-items/${item}`).type('form').send({ _csrf: csrf, status: 'done' }).expect(404);
    }

    const { user: funder } = await addFunderUser(t.db, accId);
    const { agent, csrf } = await loginAs(t.app, funder.email);
    // A funder reads what it funds, and changes nothing.
    const page = await agent.get(`/sessions/${id}`).expect(200);
    expect(page.text).toContain('Séance confidentielle');
    expect(page.text).not.toContain(`href="/sessions/${id}/edit"`);
    expect(page.text).not.toContain(`action="/action-items/${item}"`);
    await agent.get(`/accompaniments/${accId}/sessions`).expect(200);
    await agent.get(`/accompaniments/${accId}/sessions/new`).expect(403);
    await agent.post(`/accompaniments/${accId}/sessions`).type('form').send(form(csrf)).expect(403);
    await agent.get(`/sessions/${id}/edit`).expect(403);
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form(csrf, { lock_version: '0' }))
      .expect(403);
    await agent.post(`/sessions/${id}/attendance`).type('form').send({ _csrf: csrf }).expect(403);
    await agent.post(`/sessions/${id}/actions`).type('form').send({ _csrf: csrf, what: 'x' }).expect(403);
    await agent.post(`/action-items/${item}`).type('form').send({ _csrf: csrf, status: 'done' }).expect(403);
    await agent.post(`/sessions/${id}/validate`).type('form').send({ _csrf: csrf }).expect(403);
    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(403);
    expect((await t.db('sessions').where({ accompaniment_id: accId }).select('id')).map((r) => String(r.id))).toEqual([
      id,
    ]);
    expect((await t.db('action_items').where({ id: item }).first()).status).toBe('open');
  });
});
