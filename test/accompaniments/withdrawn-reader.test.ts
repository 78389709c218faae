import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createUser } from '../factories';
import { createSession } from '../factories/sessions';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// Issue 17: a structure that left a collective case (Chamois, on 15 November 2016, in the demo's
// Belfort case) sees the case as it stood on that day, plus what it is invited to since; nothing
// else. Detail pages of what came later answer 404; coming back restores everything. A structure
// still in the case (Intermed) sees everything.
let t: TestApp;
let accId: string;
let chamoisOrg: string;
let chamoisEmail: string;
const later = {
  uninvited: { id: '', title: 'Comité de pilotage — Trésorerie 2017 (sans Chamois)' },
  invited: { id: '', title: 'Groupe élargi — Chamois invitée en 2017' },
  deliverable: { id: '', title: 'Note d’étape sur la fusion des paies (2017)' },
  group: { id: '', name: 'Trésorerie commune 2017' },
  convention: { id: '', documentId: '', oldDocumentId: '' },
  notice: 'Banque régionale informée du regroupement en 2017',
  planVersion: { documentId: '', filename: 'plan-actions-v2-2017.pdf' },
};
let planId: string;
// A group Chamois never belonged to, formed before its exit, and a session it held since.
const compta = { id: '', laterSession: 'Groupe Comptabilité — clôture des comptes 2016' };
let ownGroupId: string;
let earlierSession: { id: string; title: string };

beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
  chamoisOrg = String((await t.db('organisations').where({ name: 'Chamois', kind: 'structure' }).first('id')).id);
  const chamois = await createUser(t.db, {
    role: 'beneficiary',
    organisation_id: chamoisOrg,
    email: 'direction@chamois.test',
    name: 'Martine Grosjean',
  });
  chamoisEmail = chamois.email;
  const coordinatorId = String((await t.db('users').where({ email: 'coordination@jalons.test' }).first('id')).id);
  const energie = String(
    (await t.db('organisations').where({ name: 'Energie Emploi', kind: 'structure' }).first('id')).id,
  );

  // After Chamois' exit: a session it is not invited to, one it is an attendee of.
  later.uninvited.id = await createSession(t.db, accId, {
    title: later.uninvited.title,
    starts_at: new Date('2017-01-10T09:00:00Z'),
    status: 'held',
    days_consumed: '3',
  });
  await t
    .db('session_attendees')
    .insert({ session_id: later.uninvited.id, name: 'Bernard Mougin', organisation_id: energie, presence: 'present' });
  later.invited.id = await createSession(t.db, accId, {
    title: later.invited.title,
    starts_at: new Date('2017-01-12T09:00:00Z'),
    status: 'held',
  });
  await t.db('session_attendees').insert({
    session_id: later.invited.id,
    name: 'Martine Grosjean',
    organisation_id: chamoisOrg,
    presence: 'present',
  });
  // A session before its exit (it attended the case then).
  const before = await t
    .db('sessions')
    .where({ accompaniment_id: accId })
    .where('starts_at', '<', new Date('2016-06-01'))
    .orderBy('starts_at', 'desc')
    .first('id', 'title');
  earlierSession = { id: String(before.id), title: before.title };

  // A deliverable planned after the exit (recorded today, nothing handed in yet).
  const [d] = await t
    .db('deliverables')
    .insert({
      accompaniment_id: accId,
      type: 'other',
      title: later.deliverable.title,
      expected_on: '2017-03-31',
      status: 'expected',
      created_by: coordinatorId,
    })
    .returning('id');
  later.deliverable.id = String(d.id);

  // A working group formed after the exit without Chamois; one of the demo's groups has it as a member.
  const [g] = await t
    .db('working_groups')
    .insert({ accompaniment_id: accId, theme: 'Trésorerie', name: later.group.name, aim: null })
    .returning('id');
  later.group.id = String(g.id);
  await t.db('working_group_structures').insert({ working_group_id: later.group.id, organisation_id: energie });
  ownGroupId = String(
    (
      await t
        .db('working_group_structures as ws')
        .join('working_groups as g', 'g.id', 'ws.working_group_id')
        .where({ 'g.accompaniment_id': accId, 'ws.organisation_id': chamoisOrg })
        .first('g.id')
    ).id,
  );

  // A second version of the demo's action plan (handed in and accepted before the exit), after it.
  planId = String((await t.db('deliverables').where({ accompaniment_id: accId, type: 'action_plan' }).first('id')).id);
  const providerId = String((await t.db('users').where({ email: 'prestataire@jalons.test' }).first('id')).id);
  const [planDoc] = await t
    .db('documents')
    .insert({
      accompaniment_id: accId,
      purpose: 'deliverable',
      filename: later.planVersion.filename,
      mime_type: 'application/pdf',
      size_bytes: 10,
      sha256: 'c'.repeat(64),
      storage_key: `test/plan-v2-${Date.now()}`,
      uploaded_by: providerId,
    })
    .returning('id');
  later.planVersion.documentId = String(planDoc.id);
  await t.db('deliverable_versions').insert({
    deliverable_id: planId,
    version: 2,
    document_id: later.planVersion.documentId,
    sha256: 'c'.repeat(64),
    uploaded_by: providerId,
    submitted_on: '2017-01-25',
  });

  compta.id = String(
    (await t.db('working_groups').where({ accompaniment_id: accId, name: 'Comptabilité' }).first('id')).id,
  );
  await createSession(t.db, accId, {
    title: compta.laterSession,
    type: 'working_group',
    working_group_id: compta.id,
    starts_at: new Date('2017-02-03T09:00:00Z'),
    status: 'held',
  });

  // A notice given after the exit.
  await t.db('notices').insert({
    accompaniment_id: accId,
    kind: 'other',
    on_date: '2017-02-01',
    recipients: later.notice,
    content: 'Information sur le GES.',
    created_by: coordinatorId,
  });

  // A second convention version, issued after the exit, without Chamois among its parties: the
  // January 2016 one (signed by Chamois) is voided by it.
  const v1 = await t
    .db('conventions')
    .where({ accompaniment_id: accId })
    .whereNull('voided_at')
    .first('id', 'document_id', 'sha256');
  later.convention.oldDocumentId = String(v1.document_id);
  const [doc] = await t
    .db('documents')
    .insert({
      accompaniment_id: accId,
      purpose: 'convention',
      filename: 'convention-v2.pdf',
      mime_type: 'application/pdf',
      size_bytes: 10,
      sha256: 'b'.repeat(64),
      storage_key: `test/convention-v2-${Date.now()}`,
      uploaded_by: coordinatorId,
    })
    .returning('id');
  later.convention.documentId = String(doc.id);
  await t.db('conventions').where({ id: v1.id }).update({ voided_at: t.db.fn.now() });
  const [c] = await t
    .db('conventions')
    .insert({
      accompaniment_id: accId,
      version: 2,
      issued_on: '2017-01-20',
      document_id: later.convention.documentId,
      sha256: 'b'.repeat(64),
      generated_by: coordinatorId,
    })
    .returning('id');
  later.convention.id = String(c.id);
  await t.db('convention_parties').insert({
    convention_id: later.convention.id,
    party_kind: 'structure',
    organisation_id: energie,
    name: 'Energie Emploi',
    position: 1,
  });
}, 120_000);
afterAll(() => t.close());

const chamois = () => loginAs(t.app, chamoisEmail);
/** The days consumed the sessions section states (« N jours consommés … »). */
const daysConsumed = (html: string) =>
  Number(/([\d,]+)[\s\u00a0\u202f]j consommés?/.exec(html)?.[1]?.replace(',', '.') ?? NaN);
let chamoisDays = NaN;

describe('a structure that left the case (Chamois, 15 November 2016)', () => {
  it('reaches the case page, which says it sees the case as it stood when it left', async () => {
    const { agent } = await chamois();
    const page = await agent.get(`/accompaniments/${accId}`).expect(200);
    expect(page.text).toContain(
      'Votre structure a quitté l’accompagnement le 15 novembre 2016 : vous voyez l’accompagnement tel qu’il était à cette date, et ce à quoi vous êtes invitée depuis.',
    );
    // Its phases as they stood that day: the last phase, ended in June 2017, is still under way.
    expect(page.text).toContain('Phases, dates prévues et réelles au 15 novembre 2016, jour de votre sortie');
    expect(page.text).toContain('depuis le 15 novembre 2016 (en cours)');
    expect(page.text).not.toContain('du 15 novembre 2016 au 30 juin 2017');
  });

  it('sees the sessions before its exit and the one it is invited to since, not the others (tab, list, attendance, pages)', async () => {
    const { agent } = await chamois();
    const tab = (await getCaseTab(agent, accId, 'sessions').expect(200)).text;
    expect(tab).toContain(later.invited.title);
    expect(tab).not.toContain(later.uninvited.title);
    // The days consumed are those of the sessions it sees: the later uninvited one's 3 days are not counted.
    chamoisDays = daysConsumed(tab);
    expect(chamoisDays).toBeGreaterThan(0);
    const list = (await agent.get(`/accompaniments/${accId}/sessions`).expect(200)).text;
    expect(list).toContain(later.invited.title);
    expect(list).toContain(earlierSession.title);
    expect(list).not.toContain(later.uninvited.title);
    expect(list).not.toContain(later.group.name);
    const matrix = (await agent.get(`/accompaniments/${accId}/attendance`).expect(200)).text;
    expect(matrix).not.toContain(later.uninvited.title);
    await agent.get(`/sessions/${later.uninvited.id}`).expect(404);
    await agent.get(`/sessions/${later.uninvited.id}/calendar.ics`).expect(404);
    await agent.get(`/sessions/${later.invited.id}`).expect(200);
    await agent.get(`/sessions/${earlierSession.id}`).expect(200);
  });

  it('reads the timeline up to its exit day, plus the session it is invited to', async () => {
    const { agent } = await chamois();
    const all = (
      await agent
        .get(`/accompaniments/${accId}/timeline?kinds=sessions&kinds=notices&kinds=convention&kinds=lifecycle`)
        .expect(200)
    ).text;
    expect(all).toContain(later.invited.title);
    expect(all).toContain(earlierSession.title);
    expect(all).not.toContain(later.uninvited.title);
    expect(all).not.toContain(later.notice);
    // No later event at all: the move to the follow-up (1 December 2016) is not there either.
    expect(all).not.toContain('Suivi confié à la délégation régionale COORACE.');
    expect(all).toContain('Partage du bilan ; mise en place d’un comité de direction.');
  });

  it('does not see a later deliverable, notice, working group or convention version; 404 on their pages and files', async () => {
    const { agent } = await chamois();
    const outputs = (await getCaseTab(agent, accId, 'deliverables').expect(200)).text;
    expect(outputs).not.toContain(later.deliverable.title);
    expect(outputs).toContain('Plan d’actions du GES');
    expect(outputs).not.toContain(later.notice);
    await agent.get(`/deliverables/${later.deliverable.id}`).expect(404);
    // The action plan it saw handed in: as it stood, without the version handed in since.
    const plan = (await agent.get(`/deliverables/${planId}`).expect(200)).text;
    expect(plan).toContain('Plan d’actions du GES');
    expect(plan).not.toContain(later.planVersion.filename);
    await agent.get(`/documents/${later.planVersion.documentId}/download`).expect(404);

    const delivery = (await getCaseTab(agent, accId, 'working-groups').expect(200)).text;
    expect(delivery).not.toContain(later.group.name);
    expect((await agent.get(`/accompaniments/${accId}/working-groups`).expect(200)).text).not.toContain(
      later.group.name,
    );
    await agent.get(`/working-groups/${later.group.id}`).expect(404);
    await agent.get(`/working-groups/${ownGroupId}`).expect(200);
    // A group formed before it left: there, without the session it held since.
    const group = (await agent.get(`/working-groups/${compta.id}`).expect(200)).text;
    expect(group).toContain('Comptabilité');
    expect(group).not.toContain(compta.laterSession);

    const board = (await agent.get(`/accompaniments/${accId}/convention`).expect(200)).text;
    expect(board).not.toContain('convention-v2.pdf');
    expect(board).toContain(`/documents/${later.convention.oldDocumentId}/download`);
    await agent.get(`/documents/${later.convention.documentId}/download`).expect(404);
    await agent.get(`/documents/${later.convention.oldDocumentId}/download`).expect(200);
  });

  it('its calendar feed lists the coming session it is invited to, not the others', async () => {
    const soon = new Date(Math.round((Date.now() + 10 * 24 * 3600_000) / 60_000) * 60_000);
    const mine = await createSession(t.db, accId, { title: 'Point d’étape — Chamois invitée', starts_at: soon });
    await t
      .db('session_attendees')
      .insert({ session_id: mine, name: 'Martine Grosjean', organisation_id: chamoisOrg, presence: 'invited' });
    await createSession(t.db, accId, { title: 'Point d’étape — sans Chamois', starts_at: soon });
    const session = await chamois();
    const res = await session.agent
      .post('/account/calendar/token')
      .type('form')
      .send({ _csrf: session.csrf })
      .expect(200);
    const path = new URL(/id="feed-url" value="([^"]+)"/.exec(res.text)![1]).pathname;
    const feed = (await request(t.app).get(path).expect(200)).text;
    expect(feed).toContain('Chamois invitée');
    expect(feed).not.toContain('sans Chamois');
  });

  it('does not see the handoff and follow-up that came after it left', async () => {
    const { agent } = await chamois();
    const closing = (await agent.get(`/accompaniments/${accId}?tab=closing`).expect(200)).text;
    expect(closing).not.toContain('id="follow-up"');
    expect(closing).not.toContain('id="handoffs"');
    await agent.get(`/accompaniments/${accId}/follow-up`).expect(404);
  });
});

describe('a structure still in the case (Intermed)', () => {
  it('sees everything, with no note', async () => {
    const { agent } = await loginAs(t.app, 'structure@jalons.test', DEMO_PASSWORD);
    const page = (await agent.get(`/accompaniments/${accId}`).expect(200)).text;
    expect(page).not.toContain('Votre structure a quitté');
    expect(page).toContain('du 15 novembre 2016 au 30 juin 2017');
    const tab = (await getCaseTab(agent, accId, 'sessions').expect(200)).text;
    expect(tab).toContain(later.uninvited.title);
    expect(daysConsumed(tab)).toBeGreaterThanOrEqual(chamoisDays + 3);
    await agent.get(`/sessions/${later.uninvited.id}`).expect(200);
    await agent.get(`/deliverables/${later.deliverable.id}`).expect(200);
    expect((await agent.get(`/deliverables/${planId}`).expect(200)).text).toContain(later.planVersion.filename);
    expect((await agent.get(`/accompaniments/${accId}/sessions`).expect(200)).text).toContain(later.group.name);
    await agent.get(`/working-groups/${later.group.id}`).expect(200);
    expect((await agent.get(`/working-groups/${compta.id}`).expect(200)).text).toContain(compta.laterSession);
    const timeline = (await agent.get(`/accompaniments/${accId}/timeline?kinds=sessions&kinds=notices`).expect(200))
      .text;
    expect(timeline).toContain(later.uninvited.title);
    expect(timeline).toContain(later.notice);
    expect((await getCaseTab(agent, accId, 'deliverables').expect(200)).text).toContain(later.notice);
    await agent.get(`/accompaniments/${accId}/follow-up`).expect(200);
    const closing = (await agent.get(`/accompaniments/${accId}?tab=closing`).expect(200)).text;
    expect(closing).toContain('id="follow-up"');
    expect(closing).toContain('id="handoffs"');
    const board = (await agent.get(`/accompaniments/${accId}/convention`).expect(200)).text;
    expect(board).toContain(`/documents/${later.convention.documentId}/download`);
    expect((await getCaseTab(agent, accId, 'working-groups').expect(200)).text).toContain(later.group.name);
    expect((await getCaseTab(agent, accId, 'deliverables').expect(200)).text).toContain(later.deliverable.title);
  });
});

describe('coming back', () => {
  it('restores everything once the coordinator records Chamois’ return', async () => {
    const coordinator = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    await coordinator.agent
      .post(`/accompaniments/${accId}/beneficiaries/${chamoisOrg}/rejoin`)
      .type('form')
      .send({ _csrf: coordinator.csrf, on_date: '2017-02-15' })
      .expect(302);
    const { agent } = await chamois();
    const page = (await agent.get(`/accompaniments/${accId}`).expect(200)).text;
    expect(page).not.toContain('Votre structure a quitté');
    await agent.get(`/sessions/${later.uninvited.id}`).expect(200);
    await agent.get(`/deliverables/${later.deliverable.id}`).expect(200);
    await agent.get(`/working-groups/${later.group.id}`).expect(200);
    await agent.get(`/accompaniments/${accId}/follow-up`).expect(200);
    const timeline = (await agent.get(`/accompaniments/${accId}/timeline?kinds=sessions&kinds=notices`).expect(200))
      .text;
    expect(timeline).toContain(later.uninvited.title);
    expect(timeline).toContain(later.notice);
    expect((await getCaseTab(agent, accId, 'sessions').expect(200)).text).toContain(later.uninvited.title);
  });
});
