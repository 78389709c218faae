import type { Database, Db } from '../../src/platform/db';
import { ensureConsultancyAction, openPathway, syncConsultancyActions } from '../../src/pathways/commands';
import { consultancyStatusOf } from '../../src/pathways/consultancy-status';
import { createOrganisation } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestDatabase } from '../support/db';

/** The two commands other areas call: openPathway (intake) and ensureConsultancyAction (accompaniments). */
let database: Database;
let db: Db;
let team: Awaited<ReturnType<typeof createOperatorTeam>>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  team = await createOperatorTeam(db);
});
afterAll(() => database.close());

const open = (organisationId: string, openedOn: string, intakeRequestId: string | null = null) =>
  db.transaction((trx) =>
    openPathway(trx, {
      operatorId: team.operator.id,
      organisationId,
      coordinatorId: team.coordinator.id,
      intakeRequestId,
      openedOn,
      actorId: team.coordinator.id,
    }),
  );

test('openPathway opens one parcours per structure and operator, logged, and returns the same one again', async () => {
  const s = await createOrganisation(db, { kind: 'structure' });
  const id = await open(s.id, '2026-02-01');
  expect(await open(s.id, '2026-03-01')).toBe(id);
  const p = await db('pathways').where({ id }).first();
  expect(p).toMatchObject({ status: 'open', opened_on: '2026-02-01', coordinator_id: team.coordinator.id });
  const log = await db('pathway_transitions').where({ pathway_id: id }).select('event', 'to_status', 'happened_on');
  expect(log).toEqual([{ event: 'open', to_status: 'open', happened_on: '2026-02-01' }]);
});

test('openPathway reopens a closed parcours (logged, not before its closure) and links the request', async () => {
  const s = await createOrganisation(db, { kind: 'structure' });
  const id = await open(s.id, '2026-02-01');
  await db('pathways').where({ id }).update({ status: 'closed', closed_on: '2026-04-01', closure_reason: 'Fin' });
  const [req] = await db('intake_requests')
    .insert({
      operator_id: team.operator.id,
      organisation_id: s.id,
      received_on: '2026-03-15',
      channel: 'phone',
      need: 'Consolider le modèle',
    })
    .returning('id');
  expect(await open(s.id, '2026-03-15', String(req.id))).toBe(id);
  const p = await db('pathways').where({ id }).first();
  expect(p).toMatchObject({ status: 'open', closed_on: null, closure_reason: null, intake_request_id: String(req.id) });
  const reopen = await db('pathway_transitions').where({ pathway_id: id, event: 'reopen' }).first();
  expect(reopen).toMatchObject({ from_status: 'closed', to_status: 'open', happened_on: '2026-04-01' });
});

test('ensureConsultancyAction puts the case in the parcours of the structure, once, and follows its state', async () => {
  const acc = await createAccompaniment(db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    structures: 2,
    intakeOn: '2026-01-10',
  });
  for (let i = 0; i < 2; i++)
    await db.transaction((trx) =>
      ensureConsultancyAction(trx, {
        accompanimentId: acc.id,
        organisationId: acc.structures[0].id,
        actorId: team.coordinator.id,
      }),
    );
  const actions = await db('pathway_actions as pa')
    .join('pathways as p', 'p.id', 'pa.pathway_id')
    .where({ 'pa.accompaniment_id': acc.id })
    .select('p.organisation_id', 'p.opened_on', 'pa.kind', 'pa.status', 'pa.id');
  expect(actions).toHaveLength(1);
  expect(actions[0]).toMatchObject({
    organisation_id: acc.structures[0].id,
    opened_on: '2026-01-10',
    kind: 'consultancy',
    status: 'planned',
  });

  await db('accompaniments').where({ id: acc.id }).update({ state: 'delivery' });
  await db('accompaniment_transitions').insert({
    accompaniment_id: acc.id,
    from_state: 'convention',
    to_state: 'delivery',
    on_date: '2026-03-02',
  });
  await db.transaction((trx) =>
    syncConsultancyActions(trx, acc.id, { actorId: team.coordinator.id, onDate: '2026-03-02' }),
  );
  const after = await db('pathway_actions').where({ id: actions[0].id }).first();
  expect(after).toMatchObject({ status: 'in_progress', started_on: '2026-03-02', ended_on: null });
  const log = await db('pathway_action_transitions')
    .where({ pathway_action_id: actions[0].id })
    .orderBy('id')
    .select('event', 'from_status', 'to_status');
  expect(log).toEqual([
    { event: 'create', from_status: null, to_status: 'planned' },
    { event: 'follow_case', from_status: 'planned', to_status: 'in_progress' },
  ]);
});

test('the status of a consultancy follows the case state', () => {
  expect(consultancyStatusOf('consultation')).toBe('planned');
  expect(consultancyStatusOf('close_out')).toBe('in_progress');
  expect(consultancyStatusOf('follow_up')).toBe('done');
  expect(consultancyStatusOf('abandoned')).toBe('cancelled');
});
