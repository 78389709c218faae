import { panelRead } from '../../src/handoffs/queries';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { readTogether } from '../../src/platform/read-together';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment } from '../factories/phases';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sessionUser = async (id: string) => (await findSessionUser(t.db, { id }))!;

/**
 * Who sees which handoff on their home panel: an operator with two coordinators and a manager, a
 * neighbouring operator, two relays; handoffs waiting for acknowledgement and one acknowledged.
 */
async function world() {
  const operator = await createOrganisation(t.db, { kind: 'operator' });
  const [anne, bruno, manager] = await Promise.all([
    createUser(t.db, { role: 'coordinator', organisation_id: operator.id }),
    createUser(t.db, { role: 'coordinator', organisation_id: operator.id }),
    createUser(t.db, { role: 'manager', organisation_id: operator.id }),
  ]);
  const neighbour = await createOrganisation(t.db, { kind: 'operator' });
  const stranger = await createUser(t.db, { role: 'coordinator', organisation_id: neighbour.id });
  const relay = await createOrganisation(t.db, { kind: 'relay' });
  const otherRelay = await createOrganisation(t.db, { kind: 'relay' });
  const relayUser = await createUser(t.db, { role: 'relay', organisation_id: relay.id });
  const handoff = async (
    coordinator: string,
    by: string,
    opts: { operator?: string; relay?: string; acknowledged?: boolean; on: string },
  ) => {
    const acc = await createAccompaniment(t.db, {
      operator_id: opts.operator ?? operator.id,
      coordinator_id: coordinator,
      state: 'follow_up',
    });
    await t.db('handoffs').insert({
      accompaniment_id: acc.id,
      relay_id: opts.relay ?? relay.id,
      summary: 'Suites confiées au réseau.',
      handed_off_on: opts.on,
      handed_off_by: by,
      acknowledged_at: opts.acknowledged ? new Date() : null,
    });
    return acc.id;
  };
  const annes = await handoff(anne.id, anne.id, { on: '2026-03-01' });
  const brunosByAnne = await handoff(bruno.id, anne.id, { on: '2026-04-01', relay: otherRelay.id });
  const brunos = await handoff(bruno.id, bruno.id, { on: '2026-02-01' });
  const acknowledged = await handoff(anne.id, anne.id, { on: '2026-01-01', acknowledged: true });
  const neighbours = await handoff(stranger.id, stranger.id, { operator: neighbour.id, on: '2026-05-01' });
  return {
    anne,
    bruno,
    manager,
    stranger,
    relayUser,
    cases: { annes, brunosByAnne, brunos, acknowledged, neighbours },
  };
}

// Read the way the home reads it: with the page's other reads, in one statement.
const panelOf = async (userId: string) =>
  (await readTogether(t.db, { rows: panelRead(t.db, await sessionUser(userId)) })).rows;
const casesOf = async (userId: string) => (await panelOf(userId)).map((r) => r.accompaniment_id);

describe('the home panel of handoffs', () => {
  it('shows operator staff the handoffs still waiting, newest first: a coordinator those of their cases or that they handed over', async () => {
    const w = await world();
    const c = w.cases;
    expect(await casesOf(w.anne.id)).toEqual([c.brunosByAnne, c.annes]);
    expect(await casesOf(w.bruno.id)).toEqual([c.brunosByAnne, c.brunos]);
    expect(await casesOf(w.manager.id)).toEqual([c.brunosByAnne, c.annes, c.brunos]);
    expect(await casesOf(w.stranger.id)).toEqual([c.neighbours]);
  });

  it('shows a relay every case handed to its organisation, from any operator, acknowledged or not, and nothing else', async () => {
    const w = await world();
    const c = w.cases;
    const rows = await panelOf(w.relayUser.id);
    expect(rows.map((r) => r.accompaniment_id)).toEqual([c.neighbours, c.annes, c.brunos, c.acknowledged]);
    expect(rows[3].acknowledged_at).toBeInstanceOf(Date);
    expect(rows[0].acknowledged_at).toBeNull();
  });
});
