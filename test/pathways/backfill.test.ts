import { BACKFILL_CLOSURE_REASON, up } from '../../migrations/20261207820100_pathways_backfill';
import type { Database, Db } from '../../src/platform/db';
import { createOrganisation } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestDatabase } from '../support/db';

/**
 * The backfill of issue 19: cases recorded before the parcours existed (written with plain SQL, as
 * they were: no parcours) become consultancy actions of their structures' parcours.
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

const move = (
  accompaniment_id: string,
  from_state: string | null,
  to_state: string,
  on_date: string,
  comment?: string,
) =>
  db('accompaniment_transitions').insert({ accompaniment_id, from_state, to_state, on_date, comment: comment ?? null });

test('every case becomes a consultancy action of each of its structures, withdrawn ones included; nothing else moves', async () => {
  // A collective case, delivered and in follow-up, with a diagnostic and one structure that left.
  const collective = await createAccompaniment(db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    kind: 'collective',
    state: 'follow_up',
    structures: 3,
    intakeOn: '2015-09-14',
    title: 'Accompagnement collectif MIFE',
  });
  await move(collective.id, null, 'intake', '2015-09-14');
  await move(collective.id, 'convention', 'delivery', '2015-12-01');
  await move(collective.id, 'close_out', 'follow_up', '2016-06-30');
  await db('diagnostics').insert({
    accompaniment_id: collective.id,
    findings: 'Constat partagé',
    written_on: '2015-10-01',
  });
  const [left, , shared] = collective.structures;
  await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: collective.id, organisation_id: left.id })
    .update({ status: 'withdrawn', withdrawn_on: '2016-02-01', withdrawal_reasons: 'Projet abandonné' });

  // An earlier individual case of the third structure, at the same operator, abandoned.
  const individual = await createAccompaniment(db, {
    operatorId: team.operator.id,
    coordinatorId: team.manager.id,
    kind: 'individual',
    state: 'abandoned',
    intakeOn: '2014-03-03',
  });
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: individual.id,
    organisation_id: shared.id,
    status: 'active',
    joined_on: '2014-03-03',
  });
  await move(individual.id, 'intake', 'abandoned', '2014-05-01', 'Plus de nouvelles');

  // A structure whose only case is closed: its parcours is closed on that day.
  const done = await createAccompaniment(db, { operatorId: team.operator.id, state: 'closed', structures: 1 });
  await move(done.id, 'follow_up', 'closed', '2026-03-01');

  const before = await db('accompaniments').count({ n: '*' }).first();
  expect(await db('pathways').count({ n: '*' }).first()).toEqual({ n: '0' });

  await up(db);
  await up(db); // idempotent

  const actions = await db('pathway_actions as x')
    .join('pathways as p', 'p.id', 'x.pathway_id')
    .orderBy(['p.organisation_id', 'x.accompaniment_id'])
    .select('p.organisation_id', 'x.accompaniment_id', 'x.kind', 'x.status', 'x.started_on', 'x.ended_on', 'x.title');
  const of = (org: string, acc: string) => actions.find((a) => a.organisation_id === org && a.accompaniment_id === acc);
  expect(actions).toHaveLength(5);
  expect(of(collective.structures[1].id, collective.id)).toMatchObject({
    kind: 'consultancy',
    status: 'done',
    started_on: '2015-12-01',
    ended_on: '2016-06-30',
    title: 'Accompagnement collectif MIFE',
  });
  expect(of(left.id, collective.id)).toMatchObject({
    status: 'cancelled',
    started_on: '2015-12-01',
    ended_on: '2016-02-01',
  });
  expect(of(shared.id, individual.id)).toMatchObject({ status: 'cancelled', started_on: null, ended_on: '2014-05-01' });
  expect(of(shared.id, collective.id)).toMatchObject({ status: 'done' });

  const pathway = (org: string) =>
    db('pathways').where({ operator_id: team.operator.id, organisation_id: org }).first();
  // One parcours for both cases of the third structure, opened on the earliest intake, the latest case's coordinator.
  expect(await pathway(shared.id)).toMatchObject({
    opened_on: '2014-03-03',
    coordinator_id: team.coordinator.id,
    status: 'open',
    shared_diagnostic_accompaniment_id: collective.id,
  });
  expect(await pathway(left.id)).toMatchObject({ shared_diagnostic_accompaniment_id: collective.id });
  const closed = await pathway(done.structures[0].id);
  expect(closed).toMatchObject({ status: 'closed', closed_on: '2026-03-01', closure_reason: BACKFILL_CLOSURE_REASON });
  expect(closed.shared_diagnostic_accompaniment_id).toBeNull();

  // Logged: each parcours opened (and closed), each action created, once.
  const log = await db('pathway_transitions')
    .where({ pathway_id: closed.id })
    .orderBy('id')
    .select('event', 'happened_on');
  expect(log).toEqual([
    { event: 'open', happened_on: '2026-01-05' },
    { event: 'close', happened_on: '2026-03-01' },
  ]);
  const created = await db('pathway_action_transitions').count({ n: '*' }).first();
  expect(created).toEqual({ n: '5' });

  // Nothing lost: the cases, their structures and the withdrawn one's reasons are where they were.
  expect(await db('accompaniments').count({ n: '*' }).first()).toEqual(before);
  expect(
    await db('accompaniment_beneficiaries')
      .where({ accompaniment_id: collective.id, organisation_id: left.id })
      .first(),
  ).toMatchObject({ status: 'withdrawn', withdrawal_reasons: 'Projet abandonné' });
});

test('a structure of another operator gets a parcours there too, separate', async () => {
  const other = await createOperatorTeam(db);
  const s = await createOrganisation(db, { kind: 'structure' });
  for (const operatorId of [team.operator.id, other.operator.id]) {
    const acc = await createAccompaniment(db, { operatorId });
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: acc.id,
      organisation_id: s.id,
      joined_on: '2026-01-05',
    });
  }
  await up(db);
  expect(await db('pathways').where({ organisation_id: s.id }).count({ n: '*' }).first()).toEqual({ n: '2' });
});
