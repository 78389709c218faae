import {
  addCommitteeMember,
  addPhase,
  addWorkingGroup,
  createDeliveryCase,
  createSession,
} from '../factories/sessions';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A complete, valid session form; tests change what they are about. */
const form = (csrf: string, overrides: Record<string, string | string[]> = {}) => ({
  _csrf: csrf,
  type: 'steering_committee',
  title: 'Comité de pilotage n° 1',
  theme: 'Projet politique',
  date: '2016-02-12',
  start_time: '09:30',
  end_time: '12:30',
  place: 'Salle du conseil, Belfort',
  video_url: '',
  phase_id: '',
  working_group_id: '',
  agenda: '1. Tour de table\n2. Projet politique',
  days_consumed: '0,5',
  minutes: '',
  decisions: '',
  guest_count: '2',
  g0_id: '',
  g0_name: '',
  g0_org: '',
  g1_id: '',
  g1_name: '',
  g1_org: '',
  ...overrides,
});

const sessionsOf = (accId: string) => t.db('sessions').where({ accompaniment_id: accId }).orderBy('id');
const attendeeNames = async (sessionId: string) =>
  (await t.db('session_attendees').where({ session_id: sessionId }).orderBy('name').select('name')).map((a) => a.name);

describe('logging a session', () => {
  it('records a steering committee in Paris time, inviting the whole committee by default, and shows it on a page', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const phaseId = await addPhase(t.db, accId, 2, 'Réflexions stratégiques');
    await addCommitteeMember(t.db, accId, 'Alice Martin', 'Chantier d’insertion A', 'director');
    await addCommitteeMember(t.db, accId, 'Bruno Petit', 'Association B', 'president');
    const { agent } = await loginAs(t.app, coordinator.email);

    const page = await agent.get(`/accompaniments/${accId}/sessions/new?type=steering_committee`).expect(200);
    // The committee is ticked from the start for a committee session.
    expect(page.text.match(/name="invitees" value="scm:\d+"[^>]*checked/g)).toHaveLength(2);
    const csrf = csrfOf(page.text);

    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(
        form(csrf, {
          phase_id: phaseId,
          video_url: 'https://visio.exemple.fr/copil-1',
          guest_count: '1',
          g0_name: 'Denise Roux',
          g0_org: 'DDETS 90',
        }),
      )
      .expect(302);
    const [s] = await sessionsOf(accId);
    expect(res.headers.location).toBe(`/sessions/${s.id}`);
    // 9:30 in Paris in February is 8:30 UTC.
    expect(new Date(s.starts_at).toISOString()).toBe('2016-02-12T08:30:00.000Z');
    expect(new Date(s.ends_at).toISOString()).toBe('2016-02-12T11:30:00.000Z');
    expect(s).toMatchObject({
      type: 'steering_committee',
      status: 'planned',
      days_consumed: '0.50',
      place: 'Salle du conseil, Belfort',
    });
    expect(String(s.phase_id)).toBe(phaseId);
    expect(String(s.logged_by)).toBe(coordinator.id);
    expect(s.validated_at).not.toBeNull(); // logged by the operator's staff: nothing to validate
    // Nobody ticked: the committee is invited, plus the guest typed.
    expect(await attendeeNames(s.id)).toEqual(['Alice Martin', 'Bruno Petit', 'Denise Roux']);
    const audit = await t
      .db('audit_log')
      .where({ action: 'session.create', entity_id: String(s.id) })
      .first();
    expect(audit.details).toMatchObject({ accompaniment_id: accId, type: 'steering_committee', days: 0.5 });

    const show = await agent.get(`/sessions/${s.id}`).expect(200);
    expect(show.text).toContain('Séance enregistrée.');
    expect(show.text).toContain('Comité de pilotage n° 1');
    expect(show.text).toContain('12 février 2016, de 9 h 30 à 12 h 30');
    expect(show.text).toContain('2. Réflexions stratégiques');
    expect(show.text).toContain('href="https://visio.exemple.fr/copil-1"');
    expect(show.text).toContain(`href="/sessions/${s.id}/calendar.ics"`);
    expect(show.text).toContain('Télécharger l’événement (.ics)');
    expect(show.text).toContain(`href="/sessions/${s.id}/edit"`);
    expect(show.text).toContain(`href="/sessions/${s.id}/attendance"`);
    expect(show.text).toContain(`href="/accompaniments/${accId}?tab=delivery#sessions"`);
    expect(show.text).toContain('0 présent·e sur 3 invité·es');
    expect(show.text).toContain('Denise Roux');
    expect(show.text).not.toContain('À valider');
  });

  it('keeps summer time right, and invites the chosen working group’s members by default', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    await addCommitteeMember(t.db, accId, 'Membre du comité');
    const compta = await addWorkingGroup(t.db, accId, 'Comptabilité', ['Carla Compta', 'Diane Chiffres']);
    await addWorkingGroup(t.db, accId, 'Communication', ['Eric Com']);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);

    const page = await agent
      .get(`/accompaniments/${accId}/sessions/new?type=working_group&working_group_id=${compta.id}`)
      .expect(200);
    for (const id of compta.memberIds)
      expect(page.text).toMatch(new RegExp(`value="wgm:${id}" id="inv-wgm-${id}" checked`));
    expect(page.text).not.toMatch(/value="scm:\d+"[^>]*checked/);

    await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(
        form(csrf, {
          type: 'working_group',
          title: 'Groupe comptabilité',
          date: '2016-06-13',
          start_time: '14:00',
          end_time: '',
          working_group_id: compta.id,
        }),
      )
      .expect(302);
    const [s] = await sessionsOf(accId);
    expect(new Date(s.starts_at).toISOString()).toBe('2016-06-13T12:00:00.000Z');
    expect(s.ends_at).toBeNull();
    expect(await attendeeNames(s.id)).toEqual(['Carla Compta', 'Diane Chiffres']);
    const show = await agent.get(`/sessions/${s.id}`).expect(200);
    expect(show.text).toContain('13 juin 2016 à 14 h 00');
  });

  it('takes days in quarter days only, with a French message for anything else', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db, { budget_days: '20' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    for (const bad of ['0,3', '0.1', '1,33', 'deux', '-1', '51']) {
      const res = await agent
        .post(`/accompaniments/${accId}/sessions`)
        .type('form')
        .send(form(csrf, { days_consumed: bad }))
        .expect(422);
      expect(res.text).toContain('id="field-days_consumed-error">Saisissez un nombre de jours par quarts de journée');
      expect(res.text).toContain(`value="${bad}"`);
    }
    expect(await sessionsOf(accId)).toHaveLength(0);
    for (const good of ['0', '0,25', '0.75', '1,5', '']) {
      await agent
        .post(`/accompaniments/${accId}/sessions`)
        .type('form')
        .send(form(csrf, { days_consumed: good }))
        .expect(302);
    }
    expect((await sessionsOf(accId)).map((s) => Number(s.days_consumed))).toEqual([0, 0.25, 0.75, 1.5, 0]);
  });

  it('refuses a missing title, an end before the start, a video link that is not https, keeping everything typed', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const memberId = await addCommitteeMember(t.db, accId, 'Alice Martin');
    await addCommitteeMember(t.db, accId, 'Bruno Petit');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(
        form(csrf, {
          title: '  ',
          start_time: '14:00',
          end_time: '10:00',
          video_url: 'http://visio.exemple.fr/salle',
          invitees: `scm:${memberId}`,
          g0_name: 'Invitée Externe',
          g0_org: 'Région BFC',
          minutes: 'Premier jet du compte rendu',
        }),
      )
      .expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toMatch(/id="field-title-error">Ce champ est obligatoire.</);
    expect(res.text).toMatch(/id="field-end_time-error">L’heure de fin doit suivre l’heure de début.</);
    expect(res.text).toMatch(/id="field-video_url-error">Saisissez un lien complet commençant par https:\/\//);
    // Input kept: times, place, the ticked member (and only that one), the guest row, the minutes.
    expect(res.text).toContain('value="14:00"');
    expect(res.text).toContain('value="10:00"');
    expect(res.text).toContain('value="http://visio.exemple.fr/salle"');
    expect(res.text).toContain('value="Salle du conseil, Belfort"');
    expect(res.text).toMatch(new RegExp(`value="scm:${memberId}" id="inv-scm-${memberId}" checked`));
    expect(res.text.match(/name="invitees" value="scm:\d+"[^>]*checked/g)).toHaveLength(1);
    expect(res.text).toContain('value="Invitée Externe"');
    expect(res.text).toContain('value="Région BFC"');
    expect(res.text).toContain('Premier jet du compte rendu</textarea>');

    for (const url of ['javascript:alert(1)', 'visio.exemple.fr', 'https://']) {
      const again = await agent
        .post(`/accompaniments/${accId}/sessions`)
        .type('form')
        .send(form(csrf, { video_url: url }))
        .expect(422);
      expect(again.text).toMatch(/id="field-video_url-error">/);
    }
    const noGroup = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { type: 'working_group' }))
      .expect(422);
    expect(noGroup.text).toMatch(/id="field-working_group_id-error">Choisissez le groupe de travail de cette séance.</);
    const guestWithoutName = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { g1_org: 'Sans nom' }))
      .expect(422);
    expect(guestWithoutName.text).toMatch(/id="field-g1_name-error">Indiquez le nom de la personne.</);
    const badTime = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { start_time: '25:00', date: '2016-02-30' }))
      .expect(422);
    expect(badTime.text).toMatch(/id="field-start_time-error">Saisissez une heure valide/);
    expect(badTime.text).toMatch(/id="field-date-error">Saisissez une date valide/);
    expect(await sessionsOf(accId)).toHaveLength(0);
  });

  it('refuses a phase, group or member of another case', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const other = await createDeliveryCase(t.db);
    const foreignPhase = await addPhase(t.db, other.accId, 1);
    const foreignGroup = await addWorkingGroup(t.db, other.accId, 'Ailleurs', ['Quelqu’un']);
    const foreignMember = await addCommitteeMember(t.db, other.accId, 'Étranger');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(
        form(csrf, {
          phase_id: foreignPhase,
          working_group_id: foreignGroup.id,
          invitees: [`scm:${foreignMember}`, `wgm:${foreignGroup.memberIds[0]}`],
        }),
      )
      .expect(422);
    expect(res.text).toMatch(/id="field-phase_id-error">Choisissez une valeur dans la liste.</);
    expect(res.text).toMatch(/id="field-working_group_id-error">Choisissez une valeur dans la liste.</);
    expect(res.text).toContain('Une des personnes cochées ne fait plus partie du comité ou du groupe');
    expect(await sessionsOf(accId)).toHaveLength(0);
  });
});

describe('editing a session', () => {
  it('shows the saved values in Paris time, updates invitees keeping presences, and marks the session held when minutes come', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const alice = await addCommitteeMember(t.db, accId, 'Alice Martin');
    const bruno = await addCommitteeMember(t.db, accId, 'Bruno Petit');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { days_consumed: '0,75', g0_name: 'Gilles Invité', g0_org: 'Mairie' }))
      .expect(302);
    const [s] = await sessionsOf(accId);
    await t.db('session_attendees').where({ session_id: s.id, name: 'Alice Martin' }).update({ presence: 'present' });

    const edit = await agent.get(`/sessions/${s.id}/edit`).expect(200);
    expect(edit.text).toContain('value="2016-02-12"');
    expect(edit.text).toContain('value="09:30"');
    expect(edit.text).toContain('value="12:30"');
    expect(edit.text).toContain('value="0,75"');
    expect(edit.text).toMatch(new RegExp(`value="scm:${alice}" id="inv-scm-${alice}" checked`));
    expect(edit.text).toContain('value="Gilles Invité"');
    const guestId = edit.text.match(/name="g0_id" value="(\d+)"/)![1];

    // Bruno is no longer invited, the guest's organisation is corrected, minutes are written.
    await agent
      .post(`/sessions/${s.id}`)
      .type('form')
      .send(
        form(csrf, {
          lock_version: '0',
          invitees: `scm:${alice}`,
          guest_count: '2',
          g0_id: guestId,
          g0_name: 'Gilles Invité',
          g0_org: 'Mairie de Belfort',
          status: 'planned',
          minutes: 'Les quatre structures valident le principe du GES.',
          decisions: 'Créer un groupe de travail gouvernance.',
        }),
      )
      .expect(302);
    const after = await t.db('sessions').where({ id: s.id }).first();
    expect(after).toMatchObject({
      status: 'held',
      lock_version: 1,
      minutes: 'Les quatre structures valident le principe du GES.',
    });
    const people = await t
      .db('session_attendees')
      .where({ session_id: s.id })
      .orderBy('name')
      .select('name', 'organisation_name', 'presence');
    expect(people).toEqual([
      { name: 'Alice Martin', organisation_name: null, presence: 'present' },
      { name: 'Gilles Invité', organisation_name: 'Mairie de Belfort', presence: 'invited' },
    ]);
    expect(bruno).toBeTruthy();
    const show = await agent.get(`/sessions/${s.id}`).expect(200);
    expect(show.text).toContain('Séance mise à jour.');
    expect(show.text).toContain('Les quatre structures valident le principe du GES.');
    expect(show.text).toContain('Tenue');
  });

  it('answers 409 to a save made on a stale version, keeping what was typed', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, { title: 'Version d’origine' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await t.db('sessions').where({ id }).update({ title: 'Modifiée par une collègue', lock_version: 1 });
    const res = await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form(csrf, { lock_version: '0', title: 'Ma version', minutes: 'Mon compte rendu détaillé' }))
      .expect(409);
    expect(res.text).toContain('Quelqu’un a modifié cette séance pendant que vous l’éditiez');
    expect(res.text).toContain('value="Ma version"');
    expect(res.text).toContain('Mon compte rendu détaillé</textarea>');
    expect(res.text).toContain('name="lock_version" value="1"');
    expect((await t.db('sessions').where({ id }).first()).title).toBe('Modifiée par une collègue');
    // Saving again from that page is a deliberate choice, against the current version.
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form(csrf, { lock_version: '1', title: 'Ma version' }))
      .expect(302);
    expect((await t.db('sessions').where({ id }).first()).title).toBe('Ma version');
  });
});
