import { paginate } from '../../src/platform/pagination';
import { createOrganisation } from '../factories';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** 7 organisations whose names share a prefix, and a query listing them by name. */
async function seven() {
  const prefix = `Pagination ${Math.random().toString(36).slice(2, 8)}`;
  for (let i = 1; i <= 7; i++) await createOrganisation(t.db, { kind: 'structure', name: `${prefix} ${i}` });
  return (q = prefix) => t.db('organisations').whereLike('name', `${q}%`).orderBy('name').select('name');
}

/** Runs paginate and counts the statements it sent. */
async function counted<T>(run: () => Promise<T>) {
  let statements = 0;
  const onQuery = () => statements++;
  t.db.on('query', onQuery);
  try {
    return { result: await run(), statements };
  } finally {
    t.db.removeListener('query', onQuery);
  }
}

describe('paginate', () => {
  it('reads a page and the total in one statement, the rows free of the count column', async () => {
    const list = await seven();
    const { result, statements } = await counted(() => paginate<{ name: string }>(list(), 2, 3));
    expect(statements).toBe(1);
    expect(result.rows.map((r) => r.name.slice(-1))).toEqual(['4', '5', '6']);
    expect(result.rows[0]).toEqual({ name: expect.any(String) });
    expect(result).toMatchObject({ page: 2, pages: 3, total: 7 });
  });

  it('still gives the total for a page past the end, and 0 when nothing matches', async () => {
    const list = await seven();
    expect(await paginate(list(), 9, 3)).toMatchObject({ rows: [], page: 9, pages: 3, total: 7 });
    const none = await counted(() => paginate(list('Aucune organisation de ce nom'), 1, 3));
    expect(none.result).toMatchObject({ rows: [], pages: 1, total: 0 });
    expect(none.statements).toBe(1);
  });

  it('counts every row the filters keep when a decoration wraps the page', async () => {
    const list = await seven();
    const decorate = (rows: ReturnType<typeof list>) =>
      t.db.from(rows.as('o')).select('o.*', t.db.raw('upper(o.name) as shout'));
    const page = await paginate<{ name: string; shout: string }>(list(), 3, 3, decorate);
    expect(page.total).toBe(7);
    expect(page.rows).toEqual([{ name: expect.stringMatching(/ 7$/), shout: expect.stringMatching(/ 7$/) }]);
  });
});
