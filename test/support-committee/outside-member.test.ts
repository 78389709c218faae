import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createCommitteeMeeting, pathwayOf } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';

// Members from outside the operator read the agendas of the committees they sit on: the summaries
// and the opinions, never the parcours or the diagnostic. Providers and beneficiaries: nothing.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DIAGNOSTIC = 'Constat confidentiel : trésorerie tendue depuis 2014.';

async function heldMeetingWithAMember() {
  const team = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    state: 'diagnostic',
    structures: 1,
    intakeOn: '2015-06-15',
  });
  await t.db('diagnostics').insert({ accompaniment_id: acc.id, findings: DIAGNOSTIC, written_on: '2015-10-01' });
  const pathwayId = await pathwayOf(t.db, team.operator.id, acc.structures[0].id);
  const meetingId = await createCommitteeMeeting(t.db, team.operator.id, { status: 'held', location: 'Belfort' });
  await t.db('support_committee_items').insert({
    meeting_id: meetingId,
    pathway_id: pathwayId,
    subject: 'diagnostic',
    accompaniment_id: acc.id,
    summary: 'Résumé pour le comité : mutualiser la comptabilité.',
    opinion: 'favorable_with_reservations',
    opinion_comment: 'Associer le conseil d’administration.',
    opinion_on: '2015-10-13',
  });
  const funderOrg = await createOrganisation(t.db, { kind: 'funder' });
  const funder = await createUser(t.db, { role: 'funder', organisation_id: funderOrg.id });
  const [{ id: memberId }] = await t
    .db('support_committee_members')
    .insert({
      operator_id: team.operator.id,
      name: funder.name,
      member_kind: 'funder',
      organisation_id: funderOrg.id,
      user_id: funder.id,
    })
    .returning('id');
  return { ...team, acc, pathwayId, meetingId, funder, memberId: String(memberId) };
}

describe('an outside member of the committee', () => {
  it('finds the meetings on their home page and reads the summaries and opinions, without the parcours or the diagnostic', async () => {
    const c = await heldMeetingWithAMember();
    const f = await loginAs(t.app, c.funder.email);
    const home = await f.agent.get('/').expect(200);
    expect(home.text).toContain(`href="/support-committee/meetings/${c.meetingId}"`);
    const list = await f.agent.get('/support-committee').expect(200);
    expect(list.text).toContain(`/support-committee/meetings/${c.meetingId}`);
    expect(list.text).not.toContain('/support-committee/members');
    const page = await f.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(200);
    expect(page.text).toContain('Résumé pour le comité : mutualiser la comptabilité.');
    expect(page.text).toContain('Favorable avec réserves');
    expect(page.text).toContain('Associer le conseil d’administration.');
    expect(page.text).toContain(c.acc.structures[0].name);
    expect(page.text).toContain('sans le diagnostic ni le parcours complets');
    expect(page.text).not.toContain('/pathways/');
    expect(page.text).not.toContain(`/accompaniments/${c.acc.id}`);
    expect(page.text).not.toContain(DIAGNOSTIC);
    expect(page.text).not.toContain('/items/new');
    expect(page.text).not.toContain('Historique de la séance');
    const print = await f.agent.get(`/support-committee/meetings/${c.meetingId}/print`).expect(200);
    expect(print.text).toContain('Résumé pour le comité');
    expect(print.text).not.toContain(c.funder.name); // the members' list is the staff's
    // The committee does not open the case or the parcours to them.
    await f.agent.get(`/accompaniments/${c.acc.id}`).expect(404);
  });

  it('loses access once inactive: the meeting answers 404, the list 403', async () => {
    const c = await heldMeetingWithAMember();
    await t.db('support_committee_members').where({ id: c.memberId }).update({ active: false });
    const f = await loginAs(t.app, c.funder.email);
    await f.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(404);
    await f.agent.get('/support-committee').expect(403);
    expect((await f.agent.get('/').expect(200)).text).not.toContain('/support-committee/meetings/');
  });

  it('is never a provider or a beneficiary, even typed in as a member: 404 on the meeting, 403 on the list', async () => {
    const c = await heldMeetingWithAMember();
    for (const role of ['provider', 'beneficiary'] as const) {
      const u = await createUser(t.db, { role });
      await t.db('support_committee_members').insert({
        operator_id: c.operator.id,
        name: u.name,
        member_kind: 'expert',
        organisation_name: 'Cabinet',
        user_id: u.id,
      });
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(404);
      await s.agent.get(`/support-committee/meetings/${c.meetingId}/print`).expect(404);
      await s.agent.get('/support-committee').expect(403);
    }
  });

  it('shows the staff the links to the parcours and the case, and other operators’ staff nothing', async () => {
    const c = await heldMeetingWithAMember();
    const s = await loginAs(t.app, c.coordinator.email);
    const page = await s.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(200);
    expect(page.text).toContain(`href="/pathways/${c.pathwayId}"`);
    expect(page.text).toContain(`href="/accompaniments/${c.acc.id}"`);
    const other = await createOperatorTeam(t.db);
    const o = await loginAs(t.app, other.manager.email);
    await o.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(404);
    expect((await o.agent.get('/support-committee').expect(200)).text).not.toContain(
      `/support-committee/meetings/${c.meetingId}`,
    );
  });
});
