import {
  budgetAsOf,
  daysByPhase,
  daysSummary,
  summarise,
  totalDays,
  withSessionsOutsidePhases,
} from '../../src/sessions/days-consumed';
import { addPhase, createDeliveryCase, createSession, nextYear } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * 6 days contracted for 7,000 €: a session held in February (1.5 d, phase 1), one closed in
 * March (1 d, phase 2), one planned next year (0.5 d, phase 2) and one planned in April 2016 that
 * nobody marked as held (0.25 d, no phase).
 */
async function caseWithPlannedAndHeld() {
  const c = await createDeliveryCase(t.db, { budget_days: '6', budget_eur: '7000' });
  const p1 = await addPhase(t.db, c.accId, 1, 'Projet politique');
  const p2 = await addPhase(t.db, c.accId, 2, 'Réflexion stratégique');
  const at = async (phase: string | null, s: Parameters<typeof createSession>[2]) => {
    const id = await createSession(t.db, c.accId, s);
    await t.db('sessions').where({ id }).update({ phase_id: phase });
  };
  await at(p1, { status: 'held', days_consumed: '1.5', starts_at: new Date('2016-02-12T09:30:00+01:00') });
  await at(p2, { status: 'closed', days_consumed: '1', starts_at: new Date('2016-03-16T09:30:00+01:00') });
  await at(p2, { status: 'planned', days_consumed: '0.5', starts_at: new Date(`${nextYear()}-02-12T09:30:00+01:00`) });
  await at(null, { status: 'planned', days_consumed: '0.25', starts_at: new Date('2016-04-01T09:30:00+02:00') });
  return c;
}

describe('days consumed (sessions/days-consumed.ts)', () => {
  it('counts every session on the case, planned ones included (the days the budget rule books), and only those held by a day as of that day', async () => {
    const { accId, coordinator } = await caseWithPlannedAndHeld();
    const now = await daysSummary(t.db, accId);
    expect(now).toMatchObject({
      contracted: 6,
      consumed: 3.25,
      remaining: 2.75,
      consumedEur: 3791.67,
      warning: false,
      over: false,
    });
    expect(summarise((await budgetAsOf(t.db, accId, '2016-03-31'))[0]).consumed).toBe(2.5);
    expect(summarise((await budgetAsOf(t.db, accId, '2016-02-28'))[0]).consumed).toBe(1.5);

    const phases = withSessionsOutsidePhases(await daysByPhase(t.db, accId), now);
    expect(phases.map((p) => [p.name, p.days])).toEqual([
      ['Projet politique', 1.5],
      ['Réflexion stratégique', 1.5],
      [null, 0.25],
    ]);
    const asOf = withSessionsOutsidePhases(
      await daysByPhase(t.db, accId, '2016-03-31'),
      summarise((await budgetAsOf(t.db, accId, '2016-03-31'))[0]),
    );
    expect(asOf.map((p) => [p.name, p.days])).toEqual([
      ['Projet politique', 1.5],
      ['Réflexion stratégique', 1],
    ]);

    expect(totalDays([{ days_consumed: '0.25' }, { days_consumed: '0.50' }, { days_consumed: 1.75 }])).toBe(2.5);

    // The case page and the sessions list read the same figure.
    const { agent } = await loginAs(t.app, coordinator.email);
    const tab = plain((await getCaseTab(agent, accId, 'sessions').expect(200)).text);
    expect(tab).toContain('3,25 j consommés sur 6 j');
    const list = plain((await agent.get(`/accompaniments/${accId}/sessions`).expect(200)).text);
    expect(list).toContain('3,25 j consommés sur 6 j contractés');
  });
});
