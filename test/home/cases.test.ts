import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createSession } from '../factories/committees';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { daysAgo } from '../support/days';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The table of cases of a page. */
const tableOf = (page: string) => {
  const m = /<tbody>[\s\S]*?<\/tbody>/.exec(page);
  if (!m) throw new Error('no table of cases on the page');
  return m[0];
};

describe('the cases of the home page', () => {
  // The home reads its cases with its other reads in one statement, as JSON; the list page reads
  // them alone. Amounts, dates, the stalled flag and the days consumed must come out the same.
  it("lists the coordinator's latest cases exactly as their list page does: amounts, days consumed, stalled badge", async () => {
    const team = await createOperatorTeam(t.db);
    const budgeted = await createAccompaniment(t.db, { operatorId: team.operator.id, coordinatorId: team.coordinator.id, state: 'delivery', title: 'Avec budget', structures: 2 });
    await t.db('accompaniments').where({ id: budgeted.id }).update({ budget_days: '12.50', budget_eur: '12000.00' });
    await createSession(t.db, budgeted.id, { days_consumed: '1.50', starts_at: new Date().toISOString() });
    const stalled = await createAccompaniment(t.db, { operatorId: team.operator.id, coordinatorId: team.coordinator.id, state: 'delivery', title: 'Sans nouvelles' });
    await t.db('accompaniments').where({ id: stalled.id }).update({ updated_at: daysAgo(200), created_at: daysAgo(200) });
    await createAccompaniment(t.db, { operatorId: team.operator.id, coordinatorId: team.coordinator.id, title: 'Tout juste reçu' });

    const { agent } = await loginAs(t.app, team.coordinator.email);
    const home = tableOf((await agent.get('/').expect(200)).text);
    const list = tableOf((await agent.get('/accompaniments?mine=1').expect(200)).text);
    expect(home).toBe(list);
    expect(home).toContain('Avec budget');
    expect(home).toMatch(/12,5\sj<br><span class="muted">12\s000\s€/);
    expect(home).toContain('1,5 j consommés sur 12,5 j');
    expect(home).toContain('stalled-badge');
    expect(home.indexOf('Tout juste reçu')).toBeLessThan(home.indexOf('Sans nouvelles'));
  });
});
