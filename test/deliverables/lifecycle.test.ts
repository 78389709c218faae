import { systemActor } from '../../src/platform/audit';
import { removeAction } from '../../src/deliverables/commands';
import {
  applyDeliverableTransition,
  DELIVERABLE_TRANSITIONS,
  DeliverableRefused,
  findDeliverableTransition,
} from '../../src/deliverables/lifecycle';
import { DELIVERABLE_STATUSES } from '../../src/deliverables/schemas';
import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The deliverable's status table (src/deliverables/lifecycle.ts): each allowed move, each refused
// one with its French reason, and the log of the moves made.
let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-deliverable-lifecycle-'));
  t = await createTestApp({ storageDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

type Session = Awaited<ReturnType<typeof loginAs>>;
const upload = (s: Session, id: string, submittedOn: string, name = 'plan.pdf') =>
  s.agent
    .post(`/deliverables/${id}/versions`)
    .field('_csrf', s.csrf)
    .field('submitted_on', submittedOn)
    .attach('file', tinyPdf(name), name);
const review = (s: Session, id: string, fields: Record<string, string>) =>
  s.agent
    .post(`/deliverables/${id}/review`)
    .type('form')
    .send({ _csrf: s.csrf, ...fields });
const submit = (s: Session, id: string) =>
  s.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: s.csrf });
const fr = (key: Parameters<typeof translate>[1]) => translate('fr', key);
const statusOf = async (id: string) => (await t.db('deliverables').where({ id }).first('status')).status;

/** The move tried directly, as a job or the CLI would: the refusal's key, or null when it moved. */
const attempt = async (id: string, event: Parameters<typeof applyDeliverableTransition>[2]) => {
  try {
    await t.db.transaction((trx) =>
      applyDeliverableTransition(trx, id, event, { actorId: null, onDate: '2016-07-01' }),
    );
    return null;
  } catch (err) {
    if (err instanceof DeliverableRefused) return err.key;
    throw err;
  }
};

describe('the deliverable status table', () => {
  it('knows only the moves of the review, and nothing leaves « accepted »', () => {
    expect(DELIVERABLE_TRANSITIONS.map((m) => `${m.event}: ${m.from} → ${m.to}`)).toEqual([
      'submit: expected → submitted',
      'new_version: changes_requested → submitted',
      'accept: submitted → accepted',
      'request_changes: submitted → changes_requested',
    ]);
    for (const m of DELIVERABLE_TRANSITIONS) expect(DELIVERABLE_STATUSES).toContain(m.to);
    for (const event of ['submit', 'new_version', 'accept', 'request_changes'] as const)
      expect(findDeliverableTransition('accepted', event)).toBeUndefined();
  });

  it('walks expected → submitted → changes requested → submitted → accepted, refuses every other move in French, and logs each move', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { title: 'Plan d’actions du GES' });
    const p = await loginAs(t.app, c.provider.email);
    const co = await loginAs(t.app, c.coordinator.email);

    // expected: no review, no submission without a file.
    expect(await attempt(id, 'accept')).toBe('deliverables.refused.notSubmitted');
    expect(await attempt(id, 'request_changes')).toBe('deliverables.refused.notSubmitted');
    expect(await attempt(id, 'new_version')).toBe('deliverables.refused.accepted');
    await submit(p, id).expect(302);
    expect((await p.agent.get(`/deliverables/${id}`).expect(200)).text).toContain(fr('deliverables.refused.noVersion'));
    const refusedReview = await review(co, id, { decision: 'accept', comment: '', decided_on: '2016-05-21' }).expect(
      422,
    );
    expect(refusedReview.text).toContain(fr('deliverables.refused.notSubmitted'));
    expect(await statusOf(id)).toBe('expected');

    // A version alone does not submit; the submit does.
    await upload(p, id, '2016-05-20').expect(302);
    expect(await statusOf(id)).toBe('expected');
    await submit(p, id).expect(302);
    expect(await statusOf(id)).toBe('submitted');

    // submitted: no second submission.
    await submit(p, id).expect(302);
    expect((await p.agent.get(`/deliverables/${id}`).expect(200)).text).toContain(
      fr('deliverables.refused.notSubmittable'),
    );
    expect(await statusOf(id)).toBe('submitted');

    await review(co, id, { decision: 'changes', comment: 'Préciser les échéances.', decided_on: '2016-05-27' }).expect(
      302,
    );
    expect(await statusOf(id)).toBe('changes_requested');

    // changes requested: only a new version goes back under review (not the submit button, not a review).
    await submit(p, id).expect(302);
    expect((await p.agent.get(`/deliverables/${id}`).expect(200)).text).toContain(
      fr('deliverables.refused.notSubmittable'),
    );
    expect(await attempt(id, 'accept')).toBe('deliverables.refused.notSubmitted');
    await upload(p, id, '2016-06-10', 'plan-v2.pdf').expect(302);
    expect(await statusOf(id)).toBe('submitted');

    await review(co, id, { decision: 'accept', comment: '', decided_on: '2016-06-17' }).expect(302);
    expect(await statusOf(id)).toBe('accepted');

    // accepted is final: no version, no review, no submission.
    const late = await upload(p, id, '2016-06-20', 'plan-v3.pdf').expect(422);
    expect(late.text).toContain(fr('deliverables.refused.accepted'));
    expect(
      (await review(co, id, { decision: 'changes', comment: 'Encore.', decided_on: '2016-06-21' }).expect(422)).text,
    ).toContain(fr('deliverables.refused.notSubmitted'));
    for (const event of ['submit', 'new_version', 'accept', 'request_changes'] as const)
      expect(await attempt(id, event)).not.toBeNull();
    expect(await statusOf(id)).toBe('accepted');
    expect(await t.db('deliverable_versions').where({ deliverable_id: id }).count<{ n: string }[]>('* as n')).toEqual([
      { n: '2' },
    ]);

    // The log: one row per move made, with who and the day it happened.
    const log = await t
      .db('deliverable_transitions')
      .where({ deliverable_id: id })
      .orderBy('id')
      .select('event', 'from_status', 'to_status', 'actor_id', 'on_date');
    expect(log).toEqual([
      {
        event: 'submit',
        from_status: 'expected',
        to_status: 'submitted',
        actor_id: c.provider.id,
        on_date: localToday(),
      },
      {
        event: 'request_changes',
        from_status: 'submitted',
        to_status: 'changes_requested',
        actor_id: c.coordinator.id,
        on_date: '2016-05-27',
      },
      {
        event: 'new_version',
        from_status: 'changes_requested',
        to_status: 'submitted',
        actor_id: c.provider.id,
        on_date: '2016-06-10',
      },
      {
        event: 'accept',
        from_status: 'submitted',
        to_status: 'accepted',
        actor_id: c.coordinator.id,
        on_date: '2016-06-17',
      },
    ]);
  });

  it('writes nothing, status nor log, when a review is refused for its date', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const co = await loginAs(t.app, c.coordinator.email);
    await upload(p, id, '2016-05-20').expect(302);
    await submit(p, id).expect(302);
    const refused = await review(co, id, { decision: 'accept', comment: '', decided_on: '2016-05-19' }).expect(422);
    expect(refused.text).toContain('20 mai 2016');
    expect(await statusOf(id)).toBe('submitted');
    expect(await t.db('deliverable_transitions').where({ deliverable_id: id }).pluck('event')).toEqual(['submit']);
  });
});

describe('an action plan accepted meanwhile', () => {
  it('refuses to remove an action once the plan is accepted, even when the remover read it before the acceptance', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { type: 'action_plan' });
    const [{ id: actionId }] = await t
      .db('action_items')
      .insert({
        accompaniment_id: c.acc.id,
        deliverable_id: id,
        what: 'Mutualiser la paie',
        status: 'open',
        visible: false,
      })
      .returning('id');
    // The page was read while the plan was open; the coordinator accepted it before the click arrived.
    const readBefore = await t.db('deliverables').where({ id }).first();
    await t.db('deliverables').where({ id }).update({ status: 'accepted' });
    await expect(
      t.deps.write(systemActor('test'), (w) => removeAction(w, readBefore, String(actionId))),
    ).rejects.toMatchObject({
      key: 'deliverables.refused.accepted',
    });
    expect(await t.db('action_items').where({ id: actionId }).first()).toMatchObject({ what: 'Mutualiser la paie' });
  });
});
