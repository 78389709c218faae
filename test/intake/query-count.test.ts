import { createStructure } from '../factories/structures';
import { queriesOf, statementCounts } from '../support/query-counter';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { createIntakeRow, daysBefore, intakeWorld, type IntakeWorld } from './helpers';

/**
 * No N+1 on the intake pages: the register, a request and the coordinator's home send the same
 * statements whether the operator holds one request (with one move in its history) or twelve.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function operatorWith(n: number) {
  const w = await intakeWorld(t.db);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const structure = await createStructure(t.db, { name: `Structure accueillie ${n}-${i} ${Date.now()}` });
    const r = await createIntakeRow(t.db, { ...w, structure }, { received_on: daysBefore(30 + i) });
    ids.push(r.id);
  }
  // The first request's history grows with n too: reopened n times.
  for (let i = 0; i < n; i++)
    await t.db('intake_request_transitions').insert({
      intake_request_id: ids[0],
      event: 'reopen',
      from_status: 'no_follow_up',
      to_status: 'received',
      happened_on: daysBefore(20),
      reason: `Rappel ${i}`,
    });
  return { w, first: ids[0], as: await loginAs(t.app, w.coordinator.email) };
}

type World = Awaited<ReturnType<typeof operatorWith>> & { w: IntakeWorld };
let one: World;
let many: World;
beforeAll(async () => {
  one = await operatorWith(1);
  many = await operatorWith(12);
}, 120_000);

const pages: [string, (x: World) => string][] = [
  ['register', () => '/intake'],
  ['register, filtered', () => '/intake?status=received&owner=me&unanswered=15&year=2026&channel=phone'],
  ['a request', (x) => `/intake/${x.first}`],
  ['new request', () => '/intake/new'],
  ['coordinator home', () => '/'],
];

describe('the intake pages’ statements do not grow with the requests', () => {
  it.each(pages)('%s', async (_name, url) => {
    const load = async (x: World) => {
      const { result, sql } = await queriesOf(t.db, () => x.as.agent.get(url(x)));
      expect(result.status).toBe(200);
      return sql;
    };
    await load(one);
    await load(many);
    expect(statementCounts(await load(many))).toEqual(statementCounts(await load(one)));
  });
});
