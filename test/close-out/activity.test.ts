import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { DAY, daysAgo } from '../support/days';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ stalledAfterDays: 60 });
});
afterAll(() => t.close());

/** Two cases of one coordinator, last touched 100 days ago, and what the portfolio says of each. */
async function twoQuietCases() {
  const { operator, coordinator } = await createOperatorTeam(t.db);
  const ids: string[] = [];
  for (const title of ['Premier', 'Second']) {
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'delivery',
      title: `${title} ${operator.id}`,
    });
    await t
      .db('accompaniments')
      .where({ id: acc.id })
      .update({ updated_at: daysAgo(100) });
    ids.push(acc.id);
  }
  const { agent } = await loginAs(t.app, coordinator.email);
  /** The "inactive for N days" of a case in the portfolio list, or null when it is not stalled. */
  const inactiveDays = async (id: string) => {
    const html = (await agent.get('/accompaniments').expect(200)).text;
    const row = html.slice(
      html.indexOf(`href="/accompaniments/${id}"`),
      html.indexOf('</tr>', html.indexOf(`href="/accompaniments/${id}"`)),
    );
    return Number(row.match(/Inactif depuis (\d+) jours/)?.[1] ?? NaN) || null;
  };
  return { ids, inactiveDays };
}

describe('the last activity kept by the writes (accompaniments.activity_at)', () => {
  it('follows an activity row through insert, correction and deletion', async () => {
    const {
      ids: [id],
      inactiveDays,
    } = await twoQuietCases();
    expect(await inactiveDays(id)).toBe(100);
    const [{ id: noticeId }] = await t
      .db('notices')
      .insert({
        accompaniment_id: id,
        kind: 'other',
        on_date: '2016-01-01',
        recipients: 'Région',
        created_at: daysAgo(3),
      })
      .returning('id');
    expect(await inactiveDays(id)).toBeNull();
    // A correction that moves the activity back is followed, not just a newer one.
    await t
      .db('notices')
      .where({ id: noticeId })
      .update({ created_at: daysAgo(80) });
    expect(await inactiveDays(id)).toBe(80);
    await t.db('notices').where({ id: noticeId }).del();
    expect(await inactiveDays(id)).toBe(100);
  });

  it('refreshes every case a write of many rows touches, once per statement', async () => {
    const { ids, inactiveDays } = await twoQuietCases();
    await t.db('sessions').insert(
      ids.map((accompaniment_id, i) => ({
        accompaniment_id,
        type: 'working_group',
        title: `Séance ${i}`,
        starts_at: daysAgo(200),
        status: 'held',
        updated_at: daysAgo(10 + i),
      })),
    );
    expect(await inactiveDays(ids[0])).toBeNull();
    expect(
      (await t.db('accompaniments').whereIn('id', ids).orderBy('id').select('activity_at')).map((r) =>
        Math.round((Date.now() - r.activity_at.getTime()) / DAY),
      ),
    ).toEqual([10, 11]);
  });

  it('counts a planned session once it starts, with no write at that moment', async () => {
    const {
      ids: [id],
      inactiveDays,
    } = await twoQuietCases();
    await t.db('sessions').insert({
      accompaniment_id: id,
      type: 'working_group',
      title: 'Bientôt',
      starts_at: new Date(Date.now() + 1500),
      status: 'planned',
      updated_at: daysAgo(90),
    });
    expect(await inactiveDays(id)).toBe(90);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await inactiveDays(id)).toBeNull();
  });

  it('counts a deliverable version through its deliverable', async () => {
    const {
      ids: [id],
      inactiveDays,
    } = await twoQuietCases();
    const [{ id: deliverableId }] = await t
      .db('deliverables')
      .insert({ accompaniment_id: id, title: 'Plan d’action', type: 'action_plan' })
      .returning('id');
    const [{ id: documentId }] = await t
      .db('documents')
      .insert({
        accompaniment_id: id,
        purpose: 'deliverable',
        filename: 'plan.pdf',
        mime_type: 'application/pdf',
        size_bytes: 10,
        sha256: 'a'.repeat(64),
        storage_key: `k-${id}`,
      })
      .returning('id');
    await t.db('deliverable_versions').insert({
      deliverable_id: deliverableId,
      version: 1,
      document_id: documentId,
      sha256: 'a'.repeat(64),
      uploaded_at: daysAgo(7),
    });
    expect(await inactiveDays(id)).toBeNull();
    // Deleting the deliverable takes its versions with it, and their activity.
    await t.db('deliverables').where({ id: deliverableId }).del();
    expect(await inactiveDays(id)).toBe(100);
  });
});
