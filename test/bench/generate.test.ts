import { createTestDatabase } from '../support/db';
import { generate } from './generate';
import { KNOWN_COORDINATOR } from './generate/people';
import type { Database } from '../../src/platform/db';

// The benchmark's generator, at a tiny scale: it respects every constraint of the migrations
// (an insert would fail otherwise), gives the planned counts, and the same seed gives the same data.
describe('benchmark data generator', () => {
  const dbs: Database[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close();
  });

  const fingerprint = async (d: Database) =>
    (
      await d.db
        .raw(`select md5(string_agg(concat_ws(',', id, state, kind, intake_on, coordinator_id, budget_days), ';' order by id)) as a,
                             (select md5(string_agg(concat_ws(',', id, accompaniment_id, starts_at, status, days_consumed), ';' order by id)) from sessions) as s
                        from accompaniments`)
    ).rows[0];

  it('loads a consistent data set, the same for the same seed', async () => {
    const quiet = () => {};
    const first = await createTestDatabase();
    dbs.push(first);
    const g = await generate(first.db, 7, 0.005, '2026-06-30', quiet);
    expect(g.counts.accompaniments).toBe(75);
    expect(g.counts.sessions).toBe(750);
    expect(g.counts.documents).toBe(300);
    expect(g.counts.users).toBe(1 + 4 * 1 + 1 + 1 + 1);
    // Every state is represented among the 75 cases except, possibly, the rarest.
    const states = await first.db('accompaniments').distinct('state');
    expect(states.length).toBeGreaterThanOrEqual(6);
    // The rich case belongs to the known coordinator and has a draft report to draw.
    const rich = await first
      .db('accompaniments as a')
      .join('users as u', 'u.id', 'a.coordinator_id')
      .where('a.id', 1)
      .first('u.email', 'a.state', 'a.kind');
    expect(rich).toEqual({ email: KNOWN_COORDINATOR, state: 'delivery', kind: 'collective' });
    expect(
      await first.db('progress_reports').where({ accompaniment_id: 1, status: 'draft' }).first('id'),
    ).toBeDefined();
    // Sent reports were inserted as sent, with their frozen PDF's hash.
    const sent = await first.db('progress_reports').where({ status: 'sent' }).count<{ count: string }[]>('* as count');
    expect(Number(sent[0].count)).toBe(25);
    // Relays acknowledge within days: only the last month's handoffs still wait.
    const handoffs = await first.db
      .raw(`select count(*) filter (where acknowledged_at is null and handed_off_on < date '2026-06-30' - 30)::int as old_waiting,
                                                count(*) filter (where acknowledged_at::date <= handed_off_on)::int as too_early,
                                                count(*) filter (where acknowledged_at is not null)::int as acknowledged from handoffs`);
    expect(handoffs.rows[0]).toMatchObject({ old_waiting: 0, too_early: 0 });
    expect(handoffs.rows[0].acknowledged).toBeGreaterThan(0);
    // The generator's helpers are gone; the sequences continue after the explicit ids.
    await expect(first.db.raw('select bench_rand(1, 1)')).rejects.toThrow();
    const [{ id }] = await first
      .db('accompaniments')
      .insert({ operator_id: 1, title: 'Après génération', kind: 'individual' })
      .returning('id');
    expect(Number(id)).toBe(76);

    const second = await createTestDatabase();
    dbs.push(second);
    await generate(second.db, 7, 0.005, '2026-06-30', quiet);
    await second.db('accompaniments').insert({ operator_id: 1, title: 'Après génération', kind: 'individual' });
    expect(await fingerprint(second)).toEqual(await fingerprint(first));
  }, 240_000);
});
