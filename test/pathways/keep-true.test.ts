import { addBeneficiary, rejoinBeneficiary, withdrawBeneficiary } from '../../src/accompaniments/beneficiary-lifecycle';
import { applyTransition } from '../../src/accompaniments/lifecycle';
import type { Database, Db } from '../../src/platform/db';
import { createOrganisation } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestDatabase } from '../support/db';

/**
 * After the backfill, the parcours stay true: a structure joining a case gets the consultancy action
 * in its parcours (created if needed), leaving cancels it, coming back and the case's moves update it;
 * every change logged on the day it happened.
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

const actionOf = (accId: string, orgId: string) =>
  db('pathway_actions as x')
    .join('pathways as p', 'p.id', 'x.pathway_id')
    .where({ 'x.accompaniment_id': accId, 'p.organisation_id': orgId })
    .first('x.id', 'x.status', 'x.started_on', 'x.ended_on', 'p.opened_on', 'p.operator_id');
const logOf = async (actionId: string) =>
  (
    await db('pathway_action_transitions')
      .where({ pathway_action_id: actionId })
      .orderBy('id')
      .select('from_status', 'to_status', 'happened_on')
  ).map((r) => `${r.from_status ?? '∅'} → ${r.to_status} ${r.happened_on}`);

test('joining, leaving, coming back and the case moving keep the consultancy action of the parcours true', async () => {
  const acc = await createAccompaniment(db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    intakeOn: '2026-01-05',
  });
  const s = await createOrganisation(db, { kind: 'structure' });
  const u = team.coordinator.id;
  await db.transaction((trx) => addBeneficiary(trx, acc.id, s.id, '2026-01-06', u));
  const a = await actionOf(acc.id, s.id);
  expect(a).toMatchObject({ status: 'planned', opened_on: '2026-01-05', operator_id: team.operator.id });

  await db.transaction((trx) =>
    applyTransition(trx, acc.id, 'diagnostic', { actorId: u, comment: null, onDate: '2026-01-10' }),
  );
  expect((await actionOf(acc.id, s.id)).status).toBe('planned');

  await db.transaction((trx) =>
    withdrawBeneficiary(
      trx,
      acc.id,
      s.id,
      { withdrawn_on: '2026-02-01', withdrawal_reasons: 'Fusion', may_rejoin: null },
      u,
    ),
  );
  expect(await actionOf(acc.id, s.id)).toMatchObject({ status: 'cancelled', ended_on: '2026-02-01' });

  await db.transaction((trx) => rejoinBeneficiary(trx, acc.id, s.id, '2026-02-15', u));
  expect(await actionOf(acc.id, s.id)).toMatchObject({ status: 'planned', ended_on: null });

  await db.transaction((trx) =>
    applyTransition(trx, acc.id, 'abandoned', { actorId: u, comment: 'Plus de nouvelles', onDate: '2026-03-01' }),
  );
  expect(await actionOf(acc.id, s.id)).toMatchObject({ status: 'cancelled', ended_on: '2026-03-01' });
  expect(await logOf(a.id)).toEqual([
    '∅ → planned 2026-01-05',
    'planned → cancelled 2026-02-01',
    'cancelled → planned 2026-02-15',
    'planned → cancelled 2026-03-01',
  ]);
});
