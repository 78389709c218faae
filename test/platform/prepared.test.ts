import { createTestDatabase, onRealPostgres } from '../support/db';
import { withDatabase } from '../support/pg-url';
import pg from 'pg';
import { openPostgres, type Database } from '../../src/platform/db';
import { usePreparedStatements } from '../../src/platform/prepared';

// Named prepared statements (src/platform/prepared.ts) are only used on a real PostgreSQL server;
// the embedded database keeps its single connection as it is.
(onRealPostgres ? describe : describe.skip)('prepared statements on PostgreSQL', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  // Everything on one connection, as a request's transaction would be, to look at what it prepared.
  const onOneConnection = <T>(fn: (trx: Database['db']) => Promise<T>) => database.db.transaction(fn);
  const preparedTexts = async (trx: Database['db']) =>
    (
      (await trx.raw('select statement from pg_prepared_statements where statement like ?', ['%prepared_probe%']))
        .rows as { statement: string }[]
    ).map((r) => r.statement);

  it('prepares a parameterised query once per connection and reuses it', async () => {
    await onOneConnection(async (trx) => {
      for (const id of [1, 2, 3]) await trx.raw("select ? as id, 'prepared_probe' as tag", [id]);
      const texts = await preparedTexts(trx);
      expect(texts.filter((t) => t.includes('prepared_probe') && t.includes('$1'))).toHaveLength(1);
      const [{ id }] = (await trx.raw("select ? as id, 'prepared_probe' as tag", [42])).rows;
      expect(Number(id)).toBe(42);
    });
  });

  it('leaves queries without parameters alone, so several statements in one string still work', async () => {
    await database.db.raw(
      'create temporary table probe_multi (a int); insert into probe_multi values (1); drop table probe_multi',
    );
    await onOneConnection(async (trx) => {
      await trx.raw("select 'prepared_probe_plain' as tag");
      expect((await preparedTexts(trx)).some((t) => t.includes('prepared_probe_plain'))).toBe(false);
    });
  });

  it('recovers when a table changes shape under a prepared statement (a newer deploy migrated)', async () => {
    await database.db.raw('create table probe_shape (id int, a text)');
    await database.db('probe_shape').insert({ id: 1, a: 'x' });
    const read = () => database.db('probe_shape').where({ id: 1 }).select('*');
    // Enough times for every pooled connection to hold the statement with its generic plan.
    for (let i = 0; i < 8; i++) expect(await read()).toEqual([{ id: 1, a: 'x' }]);
    await database.db.raw("alter table probe_shape add column b text default 'y'");
    // The statement's result type changed: the first use on each connection is retried unnamed.
    for (let i = 0; i < 8; i++) expect(await read()).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    await database.db.raw('drop table probe_shape');
  });

  it('inside a transaction, the changed table fails that transaction once, and the connection recovers', async () => {
    await database.db.raw('create table probe_tx (id int, a text)');
    await database.db('probe_tx').insert({ id: 1, a: 'x' });
    const read = (db: Database['db']) => db('probe_tx').where({ id: 1 }).select('*');
    for (let i = 0; i < 8; i++) await database.db.transaction((trx) => read(trx));
    await database.db.raw("alter table probe_tx add column b text default 'y'");
    // Each pooled connection that held the old statement refuses it once (the transaction is rolled
    // back, nothing half-done); the next use of that connection reads the new shape.
    const outcomes: string[] = [];
    for (let i = 0; i < 24; i++) {
      try {
        const rows = await database.db.transaction((trx) => read(trx));
        outcomes.push(JSON.stringify(rows));
      } catch (err) {
        expect(String(err)).toContain('cached plan must not change result type');
        outcomes.push('refused');
      }
    }
    expect(outcomes.slice(-8)).toEqual(Array(8).fill(JSON.stringify([{ id: 1, a: 'x', b: 'y' }])));
    // At least the connection that ran the old statement refused it once; never more than the pool's size.
    expect(outcomes[0]).toBe('refused');
    expect(outcomes.filter((o) => o === 'refused').length).toBeLessThanOrEqual(10);
    await database.db.raw('drop table probe_tx');
  });

  it('keeps at most the given number of statements per connection, dropping the least recently used', async () => {
    const name = (await database.db.raw('select current_database() as name')).rows[0].name;
    const client = new pg.Client(withDatabase(String(process.env.DATABASE_URL), name));
    await client.connect();
    try {
      usePreparedStatements(client, 3);
      const run = (n: number) =>
        new Promise<unknown>((resolve, reject) =>
          client.query(
            { text: `select $1::int + ${n} as v, 'prepared_probe_lru' as tag`, values: [1] },
            (err: Error | null, res: pg.QueryResult) => (err ? reject(err) : resolve(res.rows[0].v)),
          ),
        );
      const held = async () =>
        (
          (
            await client.query(
              "select statement from pg_prepared_statements where statement like '%prepared_probe_lru%' and statement not like '%pg_prepared%'",
            )
          ).rows as { statement: string }[]
        ).map((r) => r.statement);
      for (const n of [1, 2, 3]) expect(await run(n)).toBe(1 + n);
      expect(await run(1)).toBe(2); // 1 is now the most recently used: 2 goes first
      for (const n of [4, 5]) expect(await run(n)).toBe(1 + n);
      const texts = await held();
      expect(texts).toHaveLength(3);
      expect(texts.some((t) => t.includes('+ 1 as'))).toBe(true);
      expect(texts.some((t) => t.includes('+ 2 as'))).toBe(false);
      // A dropped statement is prepared again when it comes back.
      expect(await run(2)).toBe(3);
      expect(await held()).toHaveLength(3);
    } finally {
      await client.end();
    }
  });

  it('prepares nothing when PREPARED_STATEMENTS=off (PgBouncer before 1.21 in transaction mode)', async () => {
    const name = (await database.db.raw('select current_database() as name')).rows[0].name;
    const plain = openPostgres(withDatabase(String(process.env.DATABASE_URL), name), { preparedStatements: false });
    try {
      await plain.db.transaction(async (trx) => {
        for (const id of [1, 2, 3]) await trx.raw("select ? as id, 'prepared_probe_off' as tag", [id]);
        expect((await preparedTexts(trx)).some((t) => t.includes('prepared_probe_off'))).toBe(false);
      });
    } finally {
      await plain.close();
    }
  });
});
