import { validCheckpoint } from '../follow-up/factory';
import { createDeliverable } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { closeOutCase, createRelay, handoffForm } from '../handoffs/fixture';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { timelineEntries } from '../support/timeline';

// The timeline's entries for deliverables (handed in, reviewed) and the follow-up (handoff, its
// acknowledgement, checkpoints held), each on the day it happened, with « saisi le » when typed later.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function pastCase() {
  const c = await closeOutCase(t); // Belfort at close-out on 15 November 2016
  const co = await loginAs(t.app, c.coordinator.email);
  const provider = await loginAs(t.app, c.consultant.email);
  // The action plan handed in on 20 September 2016, changes asked on the 26th, v2 on 3 October, accepted on the 10th.
  const plan = await createDeliverable(t.db, c.accId, { title: 'Plan d’actions du GES', status: 'expected' });
  await t.db('accompaniments').where({ id: c.accId }).update({ state: 'delivery' });
  const up = (on: string, name: string) =>
    provider.agent
      .post(`/deliverables/${plan}/versions`)
      .field('_csrf', provider.csrf)
      .field('submitted_on', on)
      .attach('file', tinyPdf(name), name)
      .expect(302);
  await up('2016-09-20', 'plan.pdf');
  await provider.agent.post(`/deliverables/${plan}/submit`).type('form').send({ _csrf: provider.csrf }).expect(302);
  await co.agent
    .post(`/deliverables/${plan}/review`)
    .type('form')
    .send({
      _csrf: co.csrf,
      decision: 'changes',
      comment: 'Commentaire interne de relecture.',
      decided_on: '2016-09-26',
    })
    .expect(302);
  await up('2016-10-03', 'plan-v2.pdf');
  await co.agent
    .post(`/deliverables/${plan}/review`)
    .type('form')
    .send({ _csrf: co.csrf, decision: 'accept', decided_on: '2016-10-10' })
    .expect(302);
  await t.db('accompaniments').where({ id: c.accId }).update({ state: 'close_out' });
  // Handed over on 1 December 2016, acknowledged on the 8th, the 6-month checkpoint held on 2 June 2017.
  const { relay, users } = await createRelay(t.db);
  await co.agent
    .post(`/accompaniments/${c.accId}/handoff`)
    .type('form')
    .send(handoffForm(co.csrf, relay.id, [users[0].id], { handed_off_on: '2016-12-01' }))
    .expect(302);
  const h = await t.db('handoffs').where({ accompaniment_id: c.accId }).first('id');
  const r = await loginAs(t.app, users[0].email);
  await r.agent
    .post(`/handoffs/${h.id}/acknowledge`)
    .type('form')
    .send({ _csrf: r.csrf, acknowledged_on: '2016-12-08' })
    .expect(302);
  const cp = await t
    .db('follow_up_checkpoints')
    .where({ accompaniment_id: c.accId, offset_months: 6 })
    .first('id', 'lock_version');
  await r.agent
    .post(`/checkpoints/${cp.id}`)
    .type('form')
    .send({ _csrf: r.csrf, ...validCheckpoint, lock_version: String(cp.lock_version), held_on: '2017-06-02' })
    .expect(302);
  return { ...c, co, relay, relayUser: users[0] };
}

describe('deliverables and follow-up on the timeline', () => {
  it('are dated by the days entered, in their order, each said recorded later', async () => {
    const c = await pastCase();
    const page = await c.co.agent
      .get(`/accompaniments/${c.accId}/timeline?kinds=deliverables&kinds=follow_up`)
      .expect(200);
    // (The fixture's other deliverables were handed in today.)
    const entries = timelineEntries(page.text).filter((e) => !/Texte fédérateur|Diagnostic fiscal/.test(e));
    expect(
      entries.map(
        (e) =>
          e
            .replace(/ \(saisi le [^)]*\)/, '')
            .replace(/ [▣↪] /, ' ')
            .split(' Saisi par')[0],
      ),
    ).toEqual([
      expect.stringMatching(/^20 septembre 2016 Livrables Livrable remis : « Plan d’actions du GES » \(v1\)$/),
      expect.stringMatching(
        /^26 septembre 2016 Livrables Modifications demandées sur « Plan d’actions du GES » \(v1\)$/,
      ),
      expect.stringMatching(/^3 octobre 2016 Livrables Livrable remis : « Plan d’actions du GES » \(v2\)$/),
      expect.stringMatching(/^10 octobre 2016 Livrables Livrable validé : « Plan d’actions du GES » \(v2\)$/),
      expect.stringMatching(/^1er décembre 2016 Suivi post-accompagnement Suivi confié à COORACE/),
      expect.stringMatching(
        /^8 décembre 2016 Suivi post-accompagnement Réception du dossier de suivi accusée par COORACE/,
      ),
      expect.stringMatching(/^2 juin 2017 Suivi post-accompagnement Point de suivi à 6 mois$/),
    ]);
    for (const e of entries) expect(e).toContain('saisi le');
    // The reviewer's comment is the deliverable's content: never on the timeline.
    expect(page.text).not.toContain('Commentaire interne de relecture.');
  });

  it('the follow-up stays with the operator and the relay; the funder reads the deliverables only', async () => {
    const c = await pastCase();
    const f = await loginAs(t.app, c.funderUser.email);
    const funderPage = await f.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200);
    expect(funderPage.text).toContain('Livrable validé : « Plan d’actions du GES »');
    expect(funderPage.text).not.toContain('Réception du dossier de suivi accusée');
    expect(funderPage.text).not.toContain('id="kind-follow_up"');
    expect(funderPage.text).not.toContain('Point de suivi à 6 mois');
    const r = await loginAs(t.app, c.relayUser.email);
    const relayPage = await r.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200);
    expect(relayPage.text).toContain('Point de suivi à 6 mois');
  });
});
