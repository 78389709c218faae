import { conventionKit } from '../conventions/kit';
import { createOrganisation, createUser } from '../factories';
import { createDeliverable } from '../factories/deliverables';
import { conventionCase } from '../factories/conventions';
import { createBid } from '../factories/consultations';
import { createSession } from '../factories/sessions';
import { createCommitteeMeeting, pathwayOf } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { queriesOf } from '../support/query-counter';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const kit = conventionKit(() => t);

/** The « À faire » card of a user's home: its list items, in order, as text with their links. */
async function todoOf(user: { email: string }) {
  const { agent } = await loginAs(t.app, user.email);
  const page = (await agent.get('/').expect(200)).text;
  const card = /<section class="card todo"[\s\S]*?<\/section>/.exec(page)?.[0];
  if (!card) return null;
  const items = [...card.matchAll(/<li class="todo-item[^"]*">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1].replace(/\s+/g, ' ').trim(),
  );
  return { card, items };
}

describe('home « À faire »', () => {
  it('says nothing is waiting when nothing is, and is not shown to funders and the direction', async () => {
    const c = await conventionCase(t.db);
    const empty = await todoOf(c.coordinator);
    expect(empty?.items).toEqual([]);
    expect(empty?.card).toContain('Rien ne vous attend pour l’instant.');
    expect(await todoOf(c.funder)).toBeNull();
    expect(await todoOf(await createUser(t.db, { role: 'manager', organisation_id: c.operator.id }))).toBeNull();
  });

  it('lists the convention to sign for each party, each with its own signature form, and its collection for the coordinator', async () => {
    const { c, coord } = await kit.generated();
    const [st] = c.structures;
    const party = await kit.partyOf(c.accId, st.id);
    const mine = await todoOf(st.user);
    expect(mine?.items).toHaveLength(1);
    expect(mine?.items[0]).toContain(`href="/accompaniments/${c.accId}/convention/sign?party=${party.id}"`);
    expect(mine?.items[0]).toContain('Signer la convention (version 1)');
    expect(mine?.items[0]).toContain('depuis le 15 décembre 2015');
    const providerParty = await kit.partyOf(c.accId, c.provider!.id);
    expect((await todoOf(c.provider!.user))?.items.join()).toContain(
      `href="/accompaniments/${c.accId}/convention/sign?party=${providerParty.id}"`,
    );
    const staff = await todoOf(c.coordinator);
    expect(staff?.items[0]).toContain(`href="/accompaniments/${c.accId}/convention"`);
    expect(staff?.items[0]).toContain('Recueillir les signatures de la convention (version 1)');

    // Once every party signed, nothing is left to sign.
    await kit.signAll(c, coord);
    expect((await todoOf(st.user))?.items).toEqual([]);
    expect((await todoOf(c.coordinator))?.items.join()).not.toContain('Recueillir les signatures');
  });

  it('gives the coordinator deliverables to review, bids to score, the report due and committee opinions, oldest first', async () => {
    const c = await conventionCase(t.db, { state: 'delivery' });
    const delId = await createDeliverable(t.db, c.accId, { title: 'Plan d’actions', status: 'submitted' });
    await t.db('accompaniments').where({ id: c.accId }).update({ convention_on: '2016-01-20' });
    const consult = await conventionCase(t.db, { state: 'consultation', provider: false });
    // Both cases belong to the same coordinator.
    await t
      .db('accompaniments')
      .where({ id: consult.accId })
      .update({ coordinator_id: c.coordinator.id, operator_id: c.operator.id });
    await t.db('consultations').insert({ accompaniment_id: consult.accId, deadline: '2015-11-30' });
    const bidder = await createOrganisation(t.db, { kind: 'provider', name: 'Collectif Conseil' });
    const bid = await createBid(t.db, consult.accId, bidder.id, { status: 'proposed', received_on: '2015-11-20' });
    const pathway = await pathwayOf(t.db, c.operator.id, c.structures[0].id);
    await t.db('pathways').where({ id: pathway }).update({ coordinator_id: c.coordinator.id });
    const meeting = await createCommitteeMeeting(t.db, c.operator.id, { meetsOn: '2015-10-13', status: 'held' });
    const [{ id: itemId }] = await t
      .db('support_committee_items')
      .insert({ meeting_id: meeting, pathway_id: pathway, subject: 'diagnostic', summary: 'Diagnostic', position: 1 })
      .returning('id');

    const { items } = (await todoOf(c.coordinator))!;
    expect(items[0]).toContain(`href="/support-committee/meetings/${meeting}/items/${itemId}/opinion"`);
    expect(items[0]).toContain('Consigner l’avis du comité d’appui : Diagnostic');
    expect(items[0]).toContain('en retard depuis le 13 octobre 2015');
    expect(items[1]).toContain(`href="/accompaniments/${consult.accId}/consultation/bids/${bid}/scores"`);
    expect(items[2]).toContain(`href="/accompaniments/${c.accId}/reports/new"`);
    expect(items[2]).toContain('Rédiger le rapport d’étape : Convention signée');
    expect(items.join()).toContain(`href="/deliverables/${delId}"`);
    expect(items.join()).toContain('Examiner le livrable « Plan d’actions »');

    // Once scored, reported and reviewed, they leave the list.
    await t.db('deliverables').where({ id: delId }).update({ status: 'accepted' });
    await t
      .db('support_committee_items')
      .where({ id: itemId })
      .update({ opinion: 'favorable', opinion_on: '2015-10-13' });
    const after = (await todoOf(c.coordinator))!.items.join();
    expect(after).not.toContain('/deliverables/');
    expect(after).not.toContain('/opinion');
  });

  it('gives the provider its deliverables due (the overdue first) and past sessions still to complete', async () => {
    const c = await conventionCase(t.db, { state: 'delivery' });
    const late = await createDeliverable(t.db, c.accId, { title: 'Diagnostic RH', expected_on: '2016-03-01' });
    const later = await createDeliverable(t.db, c.accId, { title: 'Plan d’actions', expected_on: '2099-06-30' });
    const session = await createSession(t.db, c.accId, {
      title: 'Atelier gouvernance',
      status: 'planned',
      starts_at: new Date('2016-04-12T08:00:00Z'),
    });
    const { items } = (await todoOf(c.provider!.user))!;
    expect(items).toHaveLength(3);
    expect(items[0]).toContain(`href="/deliverables/${late}#upload-title"`);
    expect(items[0]).toContain('en retard depuis le 1er mars 2016');
    expect(items[1]).toContain(`href="/sessions/${session}"`);
    expect(items[1]).toContain('Compléter la séance « Atelier gouvernance »');
    expect(items[2]).toContain(`href="/deliverables/${later}#upload-title"`);
    expect(items[2]).toContain('pour le 30 juin 2099');
    // Another provider's home lists none of it.
    const other = await conventionCase(t.db, { state: 'delivery' });
    expect((await todoOf(other.provider!.user))?.items).toEqual([]);
  });

  it('gives a structure its diagnostic to validate and its survey to answer, never another structure’s', async () => {
    const c = await conventionCase(t.db, { state: 'diagnostic' });
    await t.db('diagnostics').insert({ accompaniment_id: c.accId, findings: 'Constats', written_on: '2015-09-01' });
    const [a, b] = c.structures;
    await t.db('diagnostic_validations').insert({
      accompaniment_id: c.accId,
      organisation_id: b.id,
      validated_on: '2015-09-10',
      validated_by_name: 'Odile Perrot',
    });
    expect((await todoOf(a.user))?.items[0]).toContain(`href="/accompaniments/${c.accId}/diagnostic/validations/new"`);
    expect((await todoOf(b.user))?.items).toEqual([]);

    await t.db('accompaniments').where({ id: c.accId }).update({ state: 'close_out', closed_out_on: '2016-12-01' });
    const survey = (await todoOf(a.user))!.items;
    expect(survey).toHaveLength(1);
    expect(survey[0]).toContain(`href="/accompaniments/${c.accId}/close-out/survey/${a.id}"`);
    expect(survey[0]).toContain('Répondre au questionnaire de satisfaction');
    // A structure that withdrew has nothing left to do on the case.
    await t.db('accompaniment_beneficiaries').where({ accompaniment_id: c.accId, organisation_id: a.id }).update({
      status: 'withdrawn',
      withdrawn_on: '2016-06-01',
      withdrawal_reasons: 'Fin d’activité',
    });
    expect((await todoOf(a.user))?.items).toEqual([]);
  });

  it('adds no statement to the home: its read goes in the home’s one batched statement', async () => {
    const c = await conventionCase(t.db, { state: 'delivery' });
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const { sql } = await queriesOf(t.db, () => agent.get('/').expect(200));
    expect(sql.filter((s) => s.includes('todo') || s.includes('deliverable_review'))).toHaveLength(1);
    expect(sql.filter((s) => s.includes('deliverable_review'))[0]).toContain('json_agg');
  });
});
