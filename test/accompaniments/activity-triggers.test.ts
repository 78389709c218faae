import { ACTIVITY_FUNCTIONS, ACTIVITY_SOURCES, ACTIVITY_TRIGGERS } from '../../src/accompaniments/activity-triggers';
import type { Database, Db } from '../../src/platform/db';
import { createOrganisation } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestDatabase } from '../support/db';

/**
 * Each rule of src/accompaniments/activity-triggers.ts, pinned: a write to a source table, and
 * what the case's stored column becomes. Written with plain SQL writes (the triggers see every
 * write, whoever makes it), on PGlite and on PostgreSQL (npm run test:pg).
 */
let database: Database;
let db: Db;
let team: Awaited<ReturnType<typeof createOperatorTeam>>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  team = await createOperatorTeam(db);
});
afterAll(() => database.close());

const at = (iso: string) => new Date(iso);
const newCase = async (state = 'delivery') =>
  (await createAccompaniment(db, { operatorId: team.operator.id, state })).id;
const activityOf = async (id: string): Promise<Date | null> =>
  (await db('accompaniments').where({ id }).first('activity_at')).activity_at;
const expectActivity = async (id: string, iso: string | null) =>
  expect((await activityOf(id))?.toISOString() ?? null).toBe(iso);

type Source = {
  what: string;
  table: string;
  column: string;
  row: (acc: string, when: Date) => Promise<Record<string, unknown>>;
};

/** One row per kind of activity, and the column whose time is the activity. */
const SOURCES: Source[] = [
  {
    what: 'a transition of the case, when it was recorded',
    table: 'accompaniment_transitions',
    column: 'at',
    row: async (acc, when) => ({
      accompaniment_id: acc,
      from_state: 'convention',
      to_state: 'delivery',
      on_date: '2016-01-15',
      at: when,
    }),
  },
  {
    what: 'a session, its last change (its start is read live, not stored)',
    table: 'sessions',
    column: 'updated_at',
    row: async (acc, when) => ({
      accompaniment_id: acc,
      type: 'working_group',
      title: 'Groupe de travail',
      starts_at: at('2016-03-01T09:00:00Z'),
      status: 'held',
      updated_at: when,
    }),
  },
  {
    what: 'a notice, when it was recorded',
    table: 'notices',
    column: 'created_at',
    row: async (acc, when) => ({
      accompaniment_id: acc,
      kind: 'other',
      on_date: '2016-01-01',
      recipients: 'Région',
      created_at: when,
    }),
  },
  {
    what: 'a follow-up checkpoint, when it was recorded',
    table: 'follow_up_checkpoints',
    column: 'recorded_at',
    row: async (acc, when) => ({
      accompaniment_id: acc,
      offset_months: 6,
      due_on: '2017-06-01',
      recorded_at: when,
      recorded_by: team.coordinator.id,
    }),
  },
  {
    what: 'a satisfaction survey, its last change',
    table: 'satisfaction_surveys',
    column: 'updated_at',
    row: async (acc, when) => ({
      accompaniment_id: acc,
      organisation_id: (await createOrganisation(db, { kind: 'structure' })).id,
      answered_by: team.coordinator.id,
      score_quality: 4,
      score_listening: 5,
      score_deliverables: 4,
      score_overall: 4,
      updated_at: when,
    }),
  },
  {
    what: 'the close-out, its last change',
    table: 'close_outs',
    column: 'updated_at',
    row: async (acc, when) => ({ accompaniment_id: acc, updated_at: when }),
  },
];

describe('last activity stored on the case (accompaniments.activity_at)', () => {
  it('is watched on every source table, for inserts, updates and deletes, and the installed functions are the module’s', async () => {
    const triggers = await db.raw(
      `select c.relname as "table", t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid where not t.tgisinternal`,
    );
    const installed = new Set(triggers.rows.map((r: { table: string; name: string }) => `${r.table}.${r.name}`));
    for (const t of ACTIVITY_TRIGGERS) expect(installed).toContain(`${t.table}.${t.name}`);
    expect(ACTIVITY_SOURCES.map((s) => s.table).sort()).toEqual(
      [...SOURCES.map((s) => s.table), 'deliverable_versions', 'deliverables'].sort(),
    );
    for (const f of ACTIVITY_FUNCTIONS) {
      const name = f.signature.slice(0, f.signature.indexOf('('));
      const row = await db('pg_proc').where({ proname: name }).first('prosrc');
      expect(row?.prosrc).toBe(f.body);
    }
  });

  it('is null for a case with no activity row', async () => {
    await expectActivity(await newCase(), null);
  });

  it.each(SOURCES)(
    'counts $what: inserted → its time; corrected earlier → followed; deleted → none left',
    async ({ table, column, row }) => {
      const acc = await newCase();
      const [inserted] = await db(table)
        .insert(await row(acc, at('2016-05-10T08:00:00Z')))
        .returning('*');
      await expectActivity(acc, '2016-05-10T08:00:00.000Z');
      const key = table === 'close_outs' ? { accompaniment_id: acc } : { id: inserted.id };
      await db(table)
        .where(key)
        .update({ [column]: at('2016-04-01T08:00:00Z') });
      await expectActivity(acc, '2016-04-01T08:00:00.000Z');
      await db(table).where(key).del();
      await expectActivity(acc, null);
    },
  );

  it('counts a deliverable version, when it was uploaded, through its deliverable; deleting the deliverable takes it away', async () => {
    const acc = await newCase();
    const [{ id: deliverableId }] = await db('deliverables')
      .insert({ accompaniment_id: acc, title: 'Plan d’action', type: 'action_plan' })
      .returning('id');
    await expectActivity(acc, null); // a deliverable without any version is no activity
    const [{ id: documentId }] = await db('documents')
      .insert({
        accompaniment_id: acc,
        purpose: 'deliverable',
        filename: 'plan.pdf',
        mime_type: 'application/pdf',
        size_bytes: 10,
        sha256: 'a'.repeat(64),
        storage_key: `k-${acc}`,
      })
      .returning('id');
    const [{ id: versionId }] = await db('deliverable_versions')
      .insert({
        deliverable_id: deliverableId,
        version: 1,
        document_id: documentId,
        sha256: 'a'.repeat(64),
        uploaded_at: at('2016-06-01T10:00:00Z'),
      })
      .returning('id');
    await expectActivity(acc, '2016-06-01T10:00:00.000Z');
    await db('deliverable_versions')
      .where({ id: versionId })
      .update({ uploaded_at: at('2016-05-20T10:00:00Z') });
    await expectActivity(acc, '2016-05-20T10:00:00.000Z');
    await db('deliverables').where({ id: deliverableId }).del();
    await expectActivity(acc, null);
  });

  it('is the latest of all sources; deleting the latest falls back to the next one', async () => {
    const acc = await newCase();
    const [{ id: noticeId }] = await db('notices')
      .insert(await SOURCES[2].row(acc, at('2016-09-01T12:00:00Z')))
      .returning('id');
    await db('accompaniment_transitions').insert(await SOURCES[0].row(acc, at('2016-02-01T12:00:00Z')));
    await expectActivity(acc, '2016-09-01T12:00:00.000Z');
    await db('notices').where({ id: noticeId }).del();
    await expectActivity(acc, '2016-02-01T12:00:00.000Z');
  });

  it('refreshes every case one statement touches, and moves a row from one case to the other', async () => {
    const [a, b] = [await newCase(), await newCase()];
    await db('notices').insert([
      await SOURCES[2].row(a, at('2016-03-03T00:00:00Z')),
      await SOURCES[2].row(b, at('2016-04-04T00:00:00Z')),
    ]);
    await expectActivity(a, '2016-03-03T00:00:00.000Z');
    await expectActivity(b, '2016-04-04T00:00:00.000Z');
    // An update refreshes the case a row leaves as well as the one it joins.
    await db('notices').where({ accompaniment_id: b }).update({ accompaniment_id: a });
    await expectActivity(a, '2016-04-04T00:00:00.000Z');
    await expectActivity(b, null);
  });

  it('does not write the case when its value does not change (no new row version)', async () => {
    const acc = await newCase();
    await db('notices').insert(await SOURCES[2].row(acc, at('2016-09-01T12:00:00Z')));
    const version = async () =>
      (await db.raw('select xmin::text as v from accompaniments where id = ?', [acc])).rows[0].v;
    const before = await version();
    await db('notices').insert(await SOURCES[2].row(acc, at('2016-01-01T12:00:00Z'))); // older: the latest stays
    await expectActivity(acc, '2016-09-01T12:00:00.000Z');
    expect(await version()).toBe(before);
  });
});

describe('milestone dates stored on the case (diagnosed_on, convention_on, closed_out_on)', () => {
  const milestonesOf = (id: string) =>
    db('accompaniments').where({ id }).first('diagnosed_on', 'convention_on', 'closed_out_on');
  const move = (accompaniment_id: string, from_state: string, to_state: string, on_date: string) =>
    db('accompaniment_transitions').insert({ accompaniment_id, from_state, to_state, on_date, comment: 'Motif.' });

  it.each([
    {
      move: 'diagnostic → consultation',
      from: 'diagnostic',
      to: 'consultation',
      expected: { diagnosed_on: '2015-10-15', convention_on: null, closed_out_on: null },
    },
    {
      move: 'diagnostic → convention',
      from: 'diagnostic',
      to: 'convention',
      expected: { diagnosed_on: '2015-10-15', convention_on: null, closed_out_on: null },
    },
    {
      move: 'diagnostic → referred',
      from: 'diagnostic',
      to: 'referred',
      expected: { diagnosed_on: null, convention_on: null, closed_out_on: null },
    },
    {
      move: 'diagnostic → abandoned',
      from: 'diagnostic',
      to: 'abandoned',
      expected: { diagnosed_on: null, convention_on: null, closed_out_on: null },
    },
    {
      move: 'convention → delivery',
      from: 'convention',
      to: 'delivery',
      expected: { diagnosed_on: null, convention_on: '2015-10-15', closed_out_on: null },
    },
    {
      move: 'delivery → close_out',
      from: 'delivery',
      to: 'close_out',
      expected: { diagnosed_on: null, convention_on: null, closed_out_on: '2015-10-15' },
    },
    {
      move: 'intake → diagnostic',
      from: 'intake',
      to: 'diagnostic',
      expected: { diagnosed_on: null, convention_on: null, closed_out_on: null },
    },
  ])('a transition $move on 15 October 2015 gives $expected', async ({ from, to, expected }) => {
    const acc = await newCase(to);
    await move(acc, from, to, '2015-10-15');
    expect(await milestonesOf(acc)).toEqual(expected);
  });

  it('keeps the earliest day of several entries, follows a corrected day, and forgets a deleted transition', async () => {
    const acc = await newCase();
    await move(acc, 'convention', 'delivery', '2016-01-20');
    await move(acc, 'close_out', 'delivery', '2016-12-01'); // back into delivery later: the first entry stays
    expect((await milestonesOf(acc)).convention_on).toBe('2016-01-20');
    await db('accompaniment_transitions')
      .where({ accompaniment_id: acc, on_date: '2016-01-20' })
      .update({ on_date: '2016-01-25' });
    expect((await milestonesOf(acc)).convention_on).toBe('2016-01-25');
    await db('accompaniment_transitions').where({ accompaniment_id: acc }).del();
    expect((await milestonesOf(acc)).convention_on).toBeNull();
  });
});
