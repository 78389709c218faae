import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { localToday } from '../../src/platform/dates';
import { validCheckpoint } from '../follow-up/factory';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { closeOutCase, createRelay, handoffForm } from './fixture';

// The handoff and what follows it, dated as they happened: the handoff's day (not before the case
// entered close-out), the relay's receipt (not before the handoff), the checkpoints scheduled from
// the close-out day entered and the day each one took place.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const tomorrow = () => format(addDays(new Date(`${localToday()}T12:00:00`), 1), 'yyyy-MM-dd');

/** The Belfort case entering close-out on `closedOutOn` (through a transition row, as the lifecycle writes it). */
async function caseClosedOutOn(closedOutOn: string) {
  const c = await closeOutCase(t);
  await t
    .db('accompaniment_transitions')
    .where({ accompaniment_id: c.accId, to_state: 'close_out' })
    .update({ on_date: closedOutOn });
  const { relay, users } = await createRelay(t.db);
  return { ...c, relay, relayUsers: users };
}

describe('handing the follow-up over', () => {
  it('on a past day: checkpoints at 6, 12 and 18 months of the close-out day entered, never of today', async () => {
    const c = await caseClosedOutOn('2016-11-30');
    expect(await t.db('accompaniments').where({ id: c.accId }).first('closed_out_on')).toEqual({
      closed_out_on: '2016-11-30',
    });
    const s = await loginAs(t.app, c.coordinator.email);
    await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, c.relay.id, [c.relayUsers[0].id], { handed_off_on: '2016-12-12' }))
      .expect(302);

    const h = await t.db('handoffs').where({ accompaniment_id: c.accId }).first();
    expect(h.handed_off_on).toBe('2016-12-12');
    const checkpoints = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: c.accId })
      .orderBy('offset_months')
      .select('offset_months', 'due_on');
    expect(checkpoints).toEqual([
      { offset_months: 6, due_on: '2017-05-30' },
      { offset_months: 12, due_on: '2017-11-30' },
      { offset_months: 18, due_on: '2018-05-30' },
    ]);
    // The move to follow-up is dated by the handoff.
    const moved = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: c.accId, to_state: 'follow_up' })
      .first('on_date');
    expect(moved.on_date).toBe('2016-12-12');
    const section = (await getCaseTab(s.agent, c.accId, 'handoffs').expect(200)).text;
    expect(section).toContain('12 décembre 2016');
    expect(section).toContain('saisi le');
  });

  it('refuses a day before the close-out or in the future, in French next to the field, the form kept, nothing saved', async () => {
    const c = await caseClosedOutOn('2016-11-30');
    const s = await loginAs(t.app, c.coordinator.email);
    const early = await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, c.relay.id, [c.relayUsers[0].id], { handed_off_on: '2016-11-29' }))
      .expect(422);
    expect(early.text).toContain(
      'L’accompagnement est entré en clôture le 30 novembre 2016 : le passage de relais ne peut pas le précéder.',
    );
    expect(early.text).toContain('id="field-handed_off_on-error"');
    expect(early.text).toContain('value="2016-11-29"');
    expect(early.text).toContain('Association support créée');

    const future = await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, c.relay.id, [c.relayUsers[0].id], { handed_off_on: tomorrow() }))
      .expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect(await t.db('handoffs').where({ accompaniment_id: c.accId })).toHaveLength(0);
    expect(await t.db('follow_up_checkpoints').where({ accompaniment_id: c.accId })).toHaveLength(0);
    expect(await t.db('accompaniments').where({ id: c.accId }).first('state')).toEqual({ state: 'close_out' });
  });
});

describe('the relay’s receipt and checkpoints', () => {
  async function handedOff() {
    const c = await caseClosedOutOn('2016-11-30');
    const s = await loginAs(t.app, c.coordinator.email);
    await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, c.relay.id, [c.relayUsers[0].id], { handed_off_on: '2016-12-12' }))
      .expect(302);
    const h = await t.db('handoffs').where({ accompaniment_id: c.accId }).first('id');
    return { ...c, handoffId: String(h.id), coordinatorSession: s };
  }

  it('the relay acknowledges on a past day, offered today, never before the handoff nor in the future', async () => {
    const c = await handedOff();
    const r = await loginAs(t.app, c.relayUsers[0].email);
    const page = (await r.agent.get(`/handoffs/${c.handoffId}`).expect(200)).text;
    expect(page).toMatch(new RegExp(`name="acknowledged_on" type="date"\\s+value="${localToday()}"`));

    const early = await r.agent
      .post(`/handoffs/${c.handoffId}/acknowledge`)
      .type('form')
      .send({ _csrf: r.csrf, acknowledged_on: '2016-12-11' })
      .expect(422);
    expect(early.text).toContain(
      'Le dossier a été transmis le 12 décembre 2016 : la réception ne peut pas la précéder.',
    );
    expect(early.text).toContain('value="2016-12-11"');
    const future = await r.agent
      .post(`/handoffs/${c.handoffId}/acknowledge`)
      .type('form')
      .send({ _csrf: r.csrf, acknowledged_on: tomorrow() })
      .expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect(await t.db('handoffs').where({ id: c.handoffId }).first('acknowledged_at', 'acknowledged_on')).toEqual({
      acknowledged_at: null,
      acknowledged_on: null,
    });

    await r.agent
      .post(`/handoffs/${c.handoffId}/acknowledge`)
      .type('form')
      .send({ _csrf: r.csrf, acknowledged_on: '2016-12-19' })
      .expect(302);
    expect((await t.db('handoffs').where({ id: c.handoffId }).first('acknowledged_on')).acknowledged_on).toBe(
      '2016-12-19',
    );
    const section = (await getCaseTab(c.coordinatorSession.agent, c.accId, 'handoffs').expect(200)).text;
    expect(section).toContain('Réception accusée le 19 décembre 2016');
  });

  it('only the relay acknowledges: the coordinator is refused', async () => {
    const c = await handedOff();
    await c.coordinatorSession.agent
      .post(`/handoffs/${c.handoffId}/acknowledge`)
      .type('form')
      .send({ _csrf: c.coordinatorSession.csrf, acknowledged_on: '2016-12-19' })
      .expect(403);
    expect((await t.db('handoffs').where({ id: c.handoffId }).first('acknowledged_on')).acknowledged_on).toBeNull();
  });

  it('a checkpoint records the day it took place: not in the future, not before the handoff; the list shows it', async () => {
    const c = await handedOff();
    const cp = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: c.accId, offset_months: 6 })
      .first('id', 'lock_version');
    const r = await loginAs(t.app, c.relayUsers[0].email);
    const form = (await r.agent.get(`/checkpoints/${cp.id}`).expect(200)).text;
    expect(form).toMatch(new RegExp(`name="held_on" type="date"\\s+value="${localToday()}"`));
    const post = (heldOn: string) =>
      r.agent
        .post(`/checkpoints/${cp.id}`)
        .type('form')
        .send({ _csrf: r.csrf, ...validCheckpoint, lock_version: String(cp.lock_version), held_on: heldOn });

    const early = await post('2016-12-01').expect(422);
    expect(early.text).toContain(
      'Le suivi a été confié au relais le 12 décembre 2016 : le point ne peut pas le précéder.',
    );
    expect(early.text).toContain('value="2016-12-01"');
    expect(early.text).toContain('Point téléphonique avec les directions.');
    const future = await post(tomorrow()).expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect((await t.db('follow_up_checkpoints').where({ id: cp.id }).first('recorded_at')).recorded_at).toBeNull();

    await post('2017-06-02').expect(302);
    expect(await t.db('follow_up_checkpoints').where({ id: cp.id }).first('held_on', 'employees')).toEqual({
      held_on: '2017-06-02',
      employees: 42,
    });
    const list = (await r.agent.get(`/accompaniments/${c.accId}/follow-up`).expect(200)).text;
    expect(list).toContain('2 juin 2017');
    expect((await r.agent.get(`/checkpoints/${cp.id}`).expect(200)).text).toContain('Point fait le 2 juin 2017');
  });

  it('a funder cannot record a checkpoint', async () => {
    const c = await handedOff();
    const cp = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: c.accId, offset_months: 6 })
      .first('id', 'lock_version');
    const f = await loginAs(t.app, c.funderUser.email);
    const res = await f.agent
      .post(`/checkpoints/${cp.id}`)
      .type('form')
      .send({ _csrf: f.csrf, ...validCheckpoint, lock_version: String(cp.lock_version), held_on: '2017-06-02' });
    expect([403, 404]).toContain(res.status);
    expect((await t.db('follow_up_checkpoints').where({ id: cp.id }).first('held_on')).held_on).toBeNull();
  });
});
