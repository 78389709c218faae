import {
  addBeneficiary,
  addCommitteeMember,
  addFunderUser,
  addProvider,
  addWorkingGroup,
  createDeliveryCase,
} from '../factories/sessions';
import { createUser } from '../factories';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

// The session form's one switch: the whole steering committee or a working group invited at once,
// ticked on the server (« Cocher ces personnes ») so the user unticks who will not come, or added
// when saving; a group of another case is refused next to the switch, in French.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const form = (csrf: string, overrides: Record<string, string | string[]> = {}) => ({
  _csrf: csrf,
  type: 'restitution',
  title: 'Séance plénière',
  theme: '',
  date: '2016-03-16',
  start_time: '14:00',
  end_time: '17:00',
  place: '',
  video_url: '',
  phase_id: '',
  working_group_id: '',
  agenda: '',
  days_consumed: '0,5',
  minutes: '',
  decisions: '',
  guest_count: '1',
  g0_id: '',
  g0_name: '',
  g0_org: '',
  ...overrides,
});

const ticked = (html: string) =>
  [...html.matchAll(/name="invitees" value="((?:scm|wgm):\d+)"[^>]*checked/g)].map((m) => m[1]);
const attendeeNames = async (accId: string) =>
  (
    await t
      .db('session_attendees as a')
      .join('sessions as s', 's.id', 'a.session_id')
      .where('s.accompaniment_id', accId)
      .orderBy('a.name')
      .select<{ name: string }[]>('a.name')
  ).map((a) => a.name);

describe('inviting the whole committee or a group with one switch', () => {
  it('ticks the group’s members on the server without saving, then saves what the user kept', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const alice = await addCommitteeMember(t.db, accId, 'Alice Martin', 'Chantier A', 'director');
    const group = await addWorkingGroup(t.db, accId, 'Gouvernance', ['Chloé Faure', 'Denis Roy', 'Emma Leroy']);
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${accId}/sessions/new`).expect(200);
    expect(page.text).toContain('<option value="committee">Tout le comité de pilotage (1 membre)</option>');
    expect(page.text).toContain(
      `<option value="group:${group.id}">Tout le groupe «\u00a0Gouvernance\u00a0» (3 membres)</option>`,
    );
    const csrf = csrfOf(page.text);

    // « Cocher ces personnes »: the form again (200), the group ticked beside Alice, nothing saved.
    const filled = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { invitees: `scm:${alice}`, invite_body: `group:${group.id}`, fill_invitees: '1' }))
      .expect(200);
    expect(filled.text).toContain('3 membres cochés\u00a0: décochez qui ne viendra pas, puis enregistrez la séance.');
    expect(ticked(filled.text).sort()).toEqual([`scm:${alice}`, ...group.memberIds.map((id) => `wgm:${id}`)].sort());
    // The switch is back to « nobody else », so that an untick sticks; what was typed is kept.
    expect(filled.text).toContain('value="Séance plénière"');
    expect(filled.text).toMatch(/<option value="">— Personne de plus —<\/option>\s*<option value="committee">/);
    expect(await t.db('sessions').where({ accompaniment_id: accId })).toHaveLength(0);

    // The user unticks Denis Roy and saves.
    const kept = [`scm:${alice}`, `wgm:${group.memberIds[0]}`, `wgm:${group.memberIds[2]}`];
    await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrfOf(filled.text), { invitees: kept, invite_body: '' }))
      .expect(302);
    expect(await attendeeNames(accId)).toEqual(['Alice Martin', 'Chloé Faure', 'Emma Leroy']);
  });

  it('adds the whole committee when saving with the switch on, beside those ticked, each once', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    await addCommitteeMember(t.db, accId, 'Alice Martin', 'Chantier A', 'director');
    const bruno = await addCommitteeMember(t.db, accId, 'Bruno Petit', 'Association B', 'president');
    const group = await addWorkingGroup(t.db, accId, 'RH', ['Farid Nasri']);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { invitees: [`scm:${bruno}`, `wgm:${group.memberIds[0]}`], invite_body: 'committee' }))
      .expect(302);
    expect(await attendeeNames(accId)).toEqual(['Alice Martin', 'Bruno Petit', 'Farid Nasri']);
    // Editing: the switch adds the group to those kept.
    const id = /\/sessions\/(\d+)/.exec(String(res.headers.location))![1];
    const edit = await agent.get(`/sessions/${id}/edit`).expect(200);
    expect(edit.text).toContain('name="invite_body"');
    const lock = /name="lock_version" value="(\d+)"/.exec(edit.text)![1];
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(
        form(csrfOf(edit.text), {
          lock_version: lock,
          status: 'planned',
          invitees: `scm:${bruno}`,
          invite_body: `group:${group.id}`,
        }),
      )
      .expect(302);
    expect(await attendeeNames(accId)).toEqual(['Bruno Petit', 'Farid Nasri']);
  });

  it('refuses a working group of another case, or a value the form never offers, next to the switch, in French', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const other = await createDeliveryCase(t.db);
    const foreign = await addWorkingGroup(t.db, other.accId, 'Ailleurs', ['Quelqu’un']);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    for (const invite_body of [`group:${foreign.id}`, 'group:abc', 'everyone']) {
      for (const fill of [{}, { fill_invitees: '1' }] as Record<string, string>[]) {
        const res = await agent
          .post(`/accompaniments/${accId}/sessions`)
          .type('form')
          .send(form(csrf, { invite_body, ...fill }))
          .expect(422);
        expect(res.text).toContain(
          'id="field-invite_body-error">Choisissez le comité de pilotage ou un groupe de travail de cet accompagnement.<',
        );
        expect(res.text).toContain('value="Séance plénière"');
      }
    }
    expect(await t.db('sessions').where({ accompaniment_id: accId })).toHaveLength(0);
    expect(await attendeeNames(other.accId)).toEqual([]);
  });

  it('is refused to whoever may not log a session of the case', async () => {
    const { accId } = await createDeliveryCase(t.db);
    const group = await addWorkingGroup(t.db, accId, 'Finances', ['Gilles Bon']);
    const other = await createDeliveryCase(t.db);
    const funder = await addFunderUser(t.db, accId);
    const structure = await createUser(t.db, {
      role: 'beneficiary',
      organisation_id: (await addBeneficiary(t.db, accId)).id,
    });
    const loser = await addProvider(t.db, accId, 'not_selected');
    for (const [email, status] of [
      [funder.user.email, 403],
      [structure.email, 403],
      [loser.user.email, 404],
      [other.coordinator.email, 404],
    ] as const) {
      const { agent, csrf } = await loginAs(t.app, email);
      await agent
        .post(`/accompaniments/${accId}/sessions`)
        .type('form')
        .send(form(csrf, { invite_body: `group:${group.id}`, fill_invitees: '1' }))
        .expect(status);
    }
    expect(await t.db('sessions').where({ accompaniment_id: accId })).toHaveLength(0);
  });
});
