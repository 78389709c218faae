import { createUser } from '../factories';
import { diagnosticCase, recordValidation, writeDiagnostic } from '../factories/diagnostics';
import { createCommitteeMeeting, favourableOpinion, pathwayOf } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';

// The comité d'appui's gate: a consultancy's consultation opens only after a favourable opinion
// (support-committee/gate.ts), unless its kind is exempt or a manager overrides it.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const REFUSED = 'Le comité d’appui doit d’abord rendre un avis favorable';
const stateOf = async (id: string) => (await t.db('accompaniments').where({ id }).first('state')).state;

/** A collective case in diagnostic, written and validated by its two structures: only the committee is missing. */
async function validatedCase() {
  const c = await diagnosticCase(t.db);
  await writeDiagnostic(t.db, c.acc.id);
  for (const s of c.structures) await recordValidation(t.db, c.acc.id, s.id);
  const manager = await createUser(t.db, { role: 'manager', organisation_id: c.operator.id });
  const s = await loginAs(t.app, c.coordinator.email);
  const move = (onDate = '2015-10-20') =>
    s.agent
      .post(`/accompaniments/${c.acc.id}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'consultation', on_date: onDate });
  return { ...c, manager, s, move };
}

/** An opinion on an item of a held meeting of the case's operator. */
async function opinion(
  c: Awaited<ReturnType<typeof validatedCase>>,
  o: { structure: number; subject: string; opinion: string; on: string; about?: string | null },
) {
  const pathwayId = await pathwayOf(t.db, c.operator.id, c.structures[o.structure].id);
  const meetingId = await createCommitteeMeeting(t.db, c.operator.id, { meetsOn: o.on, status: 'held' });
  await t.db('support_committee_items').insert({
    meeting_id: meetingId,
    pathway_id: pathwayId,
    subject: o.subject,
    accompaniment_id: o.about === undefined ? c.acc.id : o.about,
    summary: 'Résumé.',
    opinion: o.opinion,
    opinion_comment: o.opinion === 'favorable' ? null : 'Commentaire.',
    opinion_on: o.on,
  });
}

describe('the consultation waits for the comité d’appui', () => {
  it('refuses the move without an opinion, saying what to do, then allows it after a favourable opinion on the case', async () => {
    const c = await validatedCase();
    const refused = await c.move().expect(422);
    expect(refused.text).toContain(REFUSED);
    expect(refused.text).toContain('inscrivez-le à l’ordre du jour d’une séance du comité d’appui');
    expect(await stateOf(c.acc.id)).toBe('diagnostic');
    // The case page says where the committee stands, near the lifecycle bar.
    const page = await c.s.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('pas encore d’avis sur cet accompagnement');

    await opinion(c, { structure: 0, subject: 'terms_of_reference', opinion: 'rework', on: '2015-10-13' });
    expect((await c.move().expect(422)).text).toContain(REFUSED);
    await opinion(c, { structure: 0, subject: 'terms_of_reference', opinion: 'favorable', on: '2015-10-16' });
    // Dated after the day chosen for the move: refused, the day is what to change.
    expect((await c.move('2015-10-15').expect(422)).text).toContain(
      'L’avis favorable du comité d’appui est postérieur à la date choisie',
    );
    await c.move('2015-10-16').expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
    const after = await c.s.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(after.text).toContain('Favorable');
    expect(after.text).toContain('avis du 16 octobre 2015');
  });

  it('is closed again by a later unfavourable opinion', async () => {
    const c = await validatedCase();
    await opinion(c, { structure: 0, subject: 'terms_of_reference', opinion: 'favorable', on: '2015-10-13' });
    await opinion(c, { structure: 1, subject: 'terms_of_reference', opinion: 'unfavorable', on: '2015-10-14' });
    expect((await c.move().expect(422)).text).toContain(REFUSED);
  });

  it('opens when the diagnostic or plan of every active structure’s parcours has a favourable opinion', async () => {
    const c = await validatedCase();
    await opinion(c, { structure: 0, subject: 'diagnostic', opinion: 'favorable', on: '2015-10-13', about: null });
    expect((await c.move().expect(422)).text).toContain(REFUSED);
    await opinion(c, {
      structure: 1,
      subject: 'plan',
      opinion: 'favorable_with_reservations',
      on: '2015-10-13',
      about: null,
    });
    await c.move().expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
  });

  it('does not count an opinion of a meeting of another operator, nor of a meeting not held', async () => {
    const c = await validatedCase();
    const other = await diagnosticCase(t.db);
    const pathwayId = await pathwayOf(t.db, other.operator.id, c.structures[0].id);
    for (const [operator, status] of [
      [other.operator.id, 'held'],
      [c.operator.id, 'planned'],
    ] as const) {
      const meetingId = await createCommitteeMeeting(t.db, operator, { status });
      await t.db('support_committee_items').insert({
        meeting_id: meetingId,
        pathway_id: pathwayId,
        subject: 'terms_of_reference',
        accompaniment_id: c.acc.id,
        summary: 'Résumé.',
        opinion: 'favorable',
        opinion_on: '2015-10-13',
      });
    }
    expect((await c.move().expect(422)).text).toContain(REFUSED);
  });

  it('lets an exempt kind of consultancy through (operator settings)', async () => {
    const c = await validatedCase();
    await t.db('operator_settings').insert({ operator_id: c.operator.id, committee_exempt_kinds: ['individual'] });
    expect((await c.move().expect(422)).text).toContain(REFUSED); // the case is collective
    await t
      .db('operator_settings')
      .where({ operator_id: c.operator.id })
      .update({
        committee_exempt_kinds: ['individual', 'collective'],
      });
    const page = await c.s.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('ce type d’accompagnement est dispensé d’avis');
    await c.move().expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
  });

  it('still asks the structures’ validations first', async () => {
    const c = await diagnosticCase(t.db);
    await favourableOpinion(t.db, c.acc.id);
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'consultation', on_date: '2015-10-20' })
      .expect(422);
    expect(res.text).toContain('Chaque structure accompagnée doit d’abord avoir validé le diagnostic partagé.');
  });
});

describe('the override', () => {
  it('is refused to coordinators (403), offered to the manager, needs a reason, is audited, shown and opens the gate', async () => {
    const c = await validatedCase();
    const url = `/accompaniments/${c.acc.id}/committee-override`;
    expect((await c.s.agent.get(`/accompaniments/${c.acc.id}`).expect(200)).text).not.toContain(`${url}/new`);
    await c.s.agent.get(`${url}/new`).expect(403);
    await c.s.agent
      .post(url)
      .type('form')
      .send({ _csrf: c.s.csrf, reason: 'Urgence.', decided_on: '2015-10-14' })
      .expect(403);

    const m = await loginAs(t.app, c.manager.email);
    expect((await m.agent.get(`/accompaniments/${c.acc.id}`).expect(200)).text).toContain(`${url}/new`);
    await m.agent.get(`${url}/new`).expect(200);
    const noReason = await m.agent
      .post(url)
      .type('form')
      .send({ _csrf: m.csrf, reason: '   ', decided_on: '2015-10-14' })
      .expect(422);
    expect(noReason.text).toContain('Ce champ est obligatoire.');
    expect(noReason.text).toContain('value="2015-10-14"');
    const beforeIntake = await m.agent
      .post(url)
      .type('form')
      .send({ _csrf: m.csrf, reason: 'Comité reporté.', decided_on: '2015-01-01' })
      .expect(422);
    expect(beforeIntake.text).toContain('Comité reporté.');
    expect(await t.db('support_committee_overrides').where({ accompaniment_id: c.acc.id })).toEqual([]);

    await m.agent
      .post(url)
      .type('form')
      .send({ _csrf: m.csrf, reason: 'Comité reporté, urgence de trésorerie.', decided_on: '2015-10-14' })
      .expect(302);
    expect(
      await t
        .db('support_committee_overrides')
        .where({ accompaniment_id: c.acc.id })
        .select('reason', 'decided_on', 'decided_by'),
    ).toEqual([
      { reason: 'Comité reporté, urgence de trésorerie.', decided_on: '2015-10-14', decided_by: c.manager.id },
    ]);
    const audit = await t.db('audit_log').where({ action: 'support_committee.override', entity_id: c.acc.id }).first();
    expect(audit.actor_id).toBe(c.manager.id);
    const page = await c.s.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('dérogation accordée le 14 octobre 2015');
    expect(page.text).toContain('Comité reporté, urgence de trésorerie.');
    await c.move().expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
  });

  it('is refused to providers, funders and beneficiaries of the case (404 out of scope, 403 in scope)', async () => {
    const c = await validatedCase();
    const url = `/accompaniments/${c.acc.id}/committee-override`;
    const beneficiary = await createUser(t.db, { role: 'beneficiary', organisation_id: c.structures[0].id });
    const b = await loginAs(t.app, beneficiary.email);
    await b.agent.post(url).type('form').send({ _csrf: b.csrf, reason: 'X', decided_on: '2015-10-14' }).expect(403);
    const provider = await createUser(t.db, { role: 'provider' });
    const p = await loginAs(t.app, provider.email);
    await p.agent.post(url).type('form').send({ _csrf: p.csrf, reason: 'X', decided_on: '2015-10-14' }).expect(404);
    expect(await t.db('support_committee_overrides').where({ accompaniment_id: c.acc.id })).toEqual([]);
  });
});
