import { readTogether } from '../../src/platform/read-together';
import { queriesOf } from '../support/query-counter';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Three users of a new organisation, and two reads over them with their own bindings. */
async function world() {
  const org = await createOrganisation(t.db, {
    kind: 'operator',
    name: `Lecture groupée ${Math.random().toString(36).slice(2, 8)}`,
  });
  const users = [];
  for (const name of ['Chloé', 'Anne', 'Bruno'])
    users.push(await createUser(t.db, { organisation_id: org.id, name, role: 'coordinator' }));
  const byName = () =>
    t
      .db('users')
      .where('organisation_id', org.id)
      .orderBy('name')
      .select('id', 'name', 'created_at', 'organisation_id');
  const named = (name: string) => t.db('users').where({ organisation_id: org.id, name }).select('name');
  return { org, users, byName, named };
}

describe('readTogether', () => {
  it('sends every read in one statement and gives each its rows, in their order, typed as when read alone', async () => {
    const w = await world();
    const alone = await w.byName();
    const { result, sql } = await queriesOf(t.db, () =>
      readTogether(t.db, {
        people: { query: w.byName(), dates: ['created_at'], bigints: ['id', 'organisation_id'] },
        bruno: { query: w.named('Bruno') },
        nobody: { query: w.named('Personne') },
        counted: { query: t.db('users').where('organisation_id', w.org.id).count('* as n'), bigints: ['n'] },
      }),
    );
    expect(sql).toHaveLength(1);
    expect(result.people.map((r) => r.name)).toEqual(['Anne', 'Bruno', 'Chloé']);
    // Dates come back as Dates and ids as strings, as the pg driver gives them to a read alone.
    expect(result.people).toEqual(alone);
    expect(result.people[0].created_at).toBeInstanceOf(Date);
    expect(result.bruno).toEqual([{ name: 'Bruno' }]);
    expect(result.nobody).toEqual([]);
    expect(result.counted).toEqual([{ n: '3' }]);
  });

  it('fails under the tests when a read forgets to name a date or a bigint column, naming the column', async () => {
    const w = await world();
    await expect(
      readTogether(t.db, { people: { query: w.byName(), bigints: ['id', 'organisation_id'] } }),
    ).rejects.toThrow('column "created_at" of the read "people" comes back as string instead of Date');
    await expect(
      readTogether(t.db, { people: { query: w.byName(), dates: ['created_at'], bigints: ['id'] } }),
    ).rejects.toThrow('column "organisation_id" of the read "people" comes back as number instead of string');
  });

  it('sends nothing when there is nothing to read', async () => {
    const { result, sql } = await queriesOf(t.db, () => readTogether(t.db, {}));
    expect(result).toEqual({});
    expect(sql).toHaveLength(0);
  });
});
