import { computeIndicators } from '../../src/indicators/queries';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const milestonesOf = (id: string) =>
  t.db('accompaniments').where({ id }).first('diagnosed_on', 'convention_on', 'closed_out_on');
const step = (accompaniment_id: string, from_state: string | null, to_state: string, on_date: string) => ({
  accompaniment_id,
  from_state,
  to_state,
  on_date,
});

describe('milestone dates kept on the case by its transitions (migrations/20261204001100_case_milestones.ts)', () => {
  it('follow the first validated diagnostic, entry into delivery and close-out, through corrections and deletions', async () => {
    const { operator, manager } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id, state: 'close_out' });
    await t
      .db('accompaniment_transitions')
      .insert([
        step(acc.id, 'intake', 'diagnostic', '2026-01-10'),
        step(acc.id, 'diagnostic', 'consultation', '2026-02-09'),
        step(acc.id, 'consultation', 'convention', '2026-03-01'),
        step(acc.id, 'convention', 'delivery', '2026-03-11'),
        step(acc.id, 'delivery', 'close_out', '2026-11-30'),
      ]);
    expect(await milestonesOf(acc.id)).toEqual({
      diagnosed_on: '2026-02-09',
      convention_on: '2026-03-11',
      closed_out_on: '2026-11-30',
    });
    // A date corrected is followed, earlier or later; the first of two entries counts.
    await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: acc.id, to_state: 'delivery' })
      .update({ on_date: '2026-03-20' });
    await t.db('accompaniment_transitions').insert(step(acc.id, 'close_out', 'delivery', '2026-12-01'));
    expect((await milestonesOf(acc.id)).convention_on).toBe('2026-03-20');
    await t.db('accompaniment_transitions').where({ accompaniment_id: acc.id, to_state: 'close_out' }).del();
    expect((await milestonesOf(acc.id)).closed_out_on).toBeNull();

    // And the indicators count from them: diagnosed and accompanied in 2026, one each.
    const user = (await findSessionUser(t.db, { id: manager.id }))!;
    const ind = await computeIndicators(t.db, { user, operatorId: null }, { from: '2026-01-01', to: '2026-12-31' });
    expect(ind.milestones.diagnosed.total).toBe(1);
    expect(ind.milestones.accompanied.total).toBe(1);
  });

  it('do not count a diagnostic that ended in a referral or an abandonment as validated', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const [referred, abandoned] = await Promise.all([
      createAccompaniment(t.db, { operatorId: operator.id, state: 'referred' }),
      createAccompaniment(t.db, { operatorId: operator.id, state: 'abandoned' }),
    ]);
    // One statement for both cases: each is refreshed.
    await t.db('accompaniment_transitions').insert([
      { ...step(referred.id, 'diagnostic', 'referred', '2026-02-01'), comment: 'Orientée vers un autre dispositif.' },
      { ...step(abandoned.id, 'diagnostic', 'abandoned', '2026-02-02'), comment: 'La structure renonce.' },
    ]);
    for (const id of [referred.id, abandoned.id])
      expect(await milestonesOf(id)).toEqual({ diagnosed_on: null, convention_on: null, closed_out_on: null });
  });
});
