import { reportReads } from '../../src/progress-reports/content';
import { readTogether } from '../../src/platform/read-together';
import { createDemoApp, TestApp } from '../support/app';
import { createDeliverable } from '../factories/deliverables';
import { belfortId } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
}, 60_000);
afterAll(() => t.close());

describe("a progress report's reads", () => {
  // The report is drawn from the areas' own queries, sent together in one statement as JSON.
  // Each must give exactly the rows it gives alone: types (dates, ids, counts), amounts with
  // their decimals, order.
  it('give for the Belfort case, together, exactly the rows each area reads alone', async () => {
    const id = await belfortId(t.db);
    // The demo case has no deliverable yet.
    await createDeliverable(t.db, id, { title: 'Plan d’actions du GES', expected_on: '2016-06-30' });
    await createDeliverable(t.db, id, {
      title: 'Texte fédérateur',
      type: 'unifying_text',
      expected_on: null,
      status: 'submitted',
    });
    // As of the end of the delivery (Chamois withdrawn) and as of March 2016 (an action item open).
    for (const asOf of ['2016-12-01', '2016-04-30']) {
      const together = await readTogether(t.db, reportReads(t.db, id, asOf));
      const alone = reportReads(t.db, id, asOf);
      for (const name of Object.keys(alone) as (keyof typeof alone)[]) {
        expect({ asOf, name, rows: together[name] }).toEqual({ asOf, name, rows: await alone[name].query });
      }
      // The case has something in every read, so the comparison compared something.
      for (const name of Object.keys(alone) as (keyof typeof alone)[])
        expect({ asOf, name, empty: together[name].length === 0 }).toEqual({ asOf, name, empty: false });
      expect(together.sessions.some((s) => Number(s.present) > 0)).toBe(true);
      expect(together.beneficiaries.some((b) => b.status === 'withdrawn')).toBe(asOf === '2016-12-01');
    }
  });
});
