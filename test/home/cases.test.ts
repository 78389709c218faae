import { DEMO_ACCOUNTS } from '../../seeds/demo-accounts';
import { seed } from '../../seeds/demo';
import { homePanelsFor } from '../../src/home/panels';
import { homeReads } from '../../src/home/queries';
import { localToday } from '../../src/platform/dates';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { readTogether } from '../../src/platform/read-together';
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
    const budgeted = await createAccompaniment(t.db, {
      operatorId: team.operator.id,
      coordinatorId: team.coordinator.id,
      state: 'delivery',
      title: 'Avec budget',
      structures: 2,
    });
    await t.db('accompaniments').where({ id: budgeted.id }).update({ budget_days: '12.50', budget_eur: '12000.00' });
    await createSession(t.db, budgeted.id, { days_consumed: '1.50', starts_at: new Date().toISOString() });
    const stalled = await createAccompaniment(t.db, {
      operatorId: team.operator.id,
      coordinatorId: team.coordinator.id,
      state: 'delivery',
      title: 'Sans nouvelles',
    });
    await t
      .db('accompaniments')
      .where({ id: stalled.id })
      .update({ updated_at: daysAgo(200), created_at: daysAgo(200) });
    await createAccompaniment(t.db, {
      operatorId: team.operator.id,
      coordinatorId: team.coordinator.id,
      title: 'Tout juste reçu',
    });

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

describe("the home's reads", () => {
  // The home sends its reads and the panels' in one statement, as JSON: each must give the rows
  // it gives alone (types, amounts, order), for every role that has a home with reads.
  it('give together, for every demo role, exactly the rows each gives alone', async () => {
    await seed(t.db);
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== 'admin')) {
      const user = (await findSessionUser(t.db, { email: account.email }))!;
      const readsOf = () => ({ ...homePanelsFor(t.deps, user).reads, ...homeReads(t.deps, user, localToday()) });
      const together = await readTogether(t.db, readsOf());
      const alone = readsOf();
      for (const name of Object.keys(alone)) {
        // A raw read (the watch list) answers the driver's result; a query builder, its rows.
        const result = await alone[name].query;
        const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
        expect({ role: account.role, name, rows: together[name] }).toEqual({ role: account.role, name, rows });
      }
    }
  }, 60_000);
});
