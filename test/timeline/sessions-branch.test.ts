import { listTimeline } from '../../src/timeline/queries';
import { addBid, addFunder, addStructure, createCase, createNotice } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { timelineEntries } from '../support/timeline';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A case with a notice, two held sessions (one logged by the provider, with attendance and minutes) and a planned one. */
async function caseWithSessions() {
  const c = await createCase(t.db);
  const provider = await addBid(t.db, c.acc.id, { status: 'selected' });
  await createNotice(t.db, c.acc.id, { kind: 'funders_informed', on_date: '2016-02-01', recipients: 'Région' });
  const insert = async (s: Record<string, unknown>) =>
    String(
      (
        await t
          .db('sessions')
          .insert({ accompaniment_id: c.acc.id, ...s })
          .returning('id')
      )[0].id,
    );
  const kickoff = await insert({
    type: 'kickoff',
    title: 'Séance de lancement',
    starts_at: '2015-12-01T14:00:00+01:00',
    days_consumed: '1',
    status: 'closed',
    logged_by: c.coordinator.id,
  });
  // 23:30 UTC on 12 February is 00:30 on the 13th in Paris: the entry is dated the 13th.
  const late = await insert({
    type: 'steering_committee',
    title: 'Comité de pilotage — Projet politique',
    theme: 'Projet politique',
    starts_at: '2016-02-12T23:30:00Z',
    days_consumed: '0.5',
    status: 'held',
    minutes: 'Compte rendu confidentiel de la séance.',
    logged_by: provider.user.id,
  });
  await t
    .db('session_attendees')
    .insert({ session_id: late, name: 'Claire Vautrin', organisation_name: 'Energie Emploi', presence: 'excused' });
  const planned = await insert({
    type: 'restitution',
    title: 'Restitution du bilan',
    starts_at: '2099-11-15T14:00:00+01:00',
    days_consumed: '0',
    status: 'planned',
  });
  return { ...c, provider, kickoff, late, planned };
}

describe('sessions in the timeline of an accompaniment', () => {
  it('lists held and planned sessions with their type, title and days, on their Paris date, among the other events', async () => {
    const { acc, coordinator, provider, kickoff, late, planned } = await caseWithSessions();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/timeline`).expect(200);
    const entries = timelineEntries(page.text);
    // The selected provider's invitation comes first (20 October 2015), then the sessions among the other events.
    expect(entries).toHaveLength(5);
    expect(entries.shift()).toMatch(/^20 octobre 2015 .*invité à faire une proposition$/);
    expect(entries[0]).toMatch(
      new RegExp(
        `^1er décembre 2015 .*Séances Séance — Réunion de lancement \\(1 j\\) : Séance de lancement Saisi par ${coordinator.name}$`,
      ),
    );
    expect(entries[1]).toMatch(/^1er février 2016 .*Financeurs informés/);
    expect(entries[2]).toMatch(
      new RegExp(
        `^13 février 2016 .*Séance — Comité de pilotage \\(0,5 j\\) : Comité de pilotage — Projet politique Saisi par ${provider.user.name}$`,
      ),
    );
    expect(entries[3]).toMatch(/^15 novembre 2099 .*Séances Prévu Séance prévue — Restitution : Restitution du bilan$/);
    expect(page.text).toMatch(/<li class="timeline__entry timeline__entry--sessions timeline__entry--planned">/);
    for (const id of [kickoff, late, planned]) expect(page.text).toContain(`<a href="/sessions/${id}">`);
    // Only the session itself: neither who attended nor the minutes.
    expect(page.text).not.toContain('Claire Vautrin');
    expect(page.text).not.toContain('Compte rendu confidentiel');
  });

  it('offers sessions as a kind of event to filter on, alone or with others, and by date', async () => {
    const { acc, coordinator } = await caseWithSessions();
    const { agent } = await loginAs(t.app, coordinator.email);
    const all = await agent.get(`/accompaniments/${acc.id}/timeline`).expect(200);
    expect(all.text).toMatch(/<input type="checkbox" id="kind-sessions" name="kinds" value="sessions" checked>/);
    expect(all.text).toContain(
      '<label for="kind-sessions"><span aria-hidden="true" class="timeline__icon timeline__icon--sessions">◷</span> Séances</label>',
    );

    const only = await agent.get(`/accompaniments/${acc.id}/timeline?kinds=sessions`).expect(200);
    expect(timelineEntries(only.text).map((e) => e.split(' ').slice(0, 3).join(' '))).toEqual([
      '1er décembre 2015',
      '13 février 2016',
      '15 novembre 2099',
    ]);
    expect(only.text).toMatch(/id="kind-notices" name="kinds" value="notices">/);

    const others = await agent.get(`/accompaniments/${acc.id}/timeline?kinds=notices&kinds=lifecycle`).expect(200);
    expect(timelineEntries(others.text).join(' ')).not.toContain('Séance');

    const ranged = await agent
      .get(`/accompaniments/${acc.id}/timeline?kinds=sessions&from=2016-02-13&to=2016-12-31`)
      .expect(200);
    expect(timelineEntries(ranged.text)).toHaveLength(1);
    expect(timelineEntries(ranged.text)[0]).toContain('Projet politique');
  });

  it('is read by everyone who sees the case: the selected provider, a funder, a beneficiary structure', async () => {
    const { acc, provider } = await caseWithSessions();
    const { user: funder } = await addFunder(t.db, acc.id);
    const { user: beneficiary } = await addStructure(t.db, acc.id);
    for (const user of [provider.user, funder, beneficiary]) {
      const { agent } = await loginAs(t.app, user.email);
      const page = await agent.get(`/accompaniments/${acc.id}/timeline?kinds=sessions`).expect(200);
      expect(page.text).toContain('id="kind-sessions"');
      expect(timelineEntries(page.text)).toHaveLength(3);
    }
  });

  it('keeps one query for the whole history, sessions included', async () => {
    const { acc } = await caseWithSessions();
    let queries = 0;
    const onQuery = () => queries++;
    t.db.on('query', onQuery);
    const { entries, total } = await listTimeline(t.db, {
      accompanimentId: acc.id,
      categories: ['sessions', 'notices', 'lifecycle'],
      from: null,
      to: null,
      order: 'desc',
      today: '2026-01-01',
      page: 1,
    });
    t.db.removeListener('query', onQuery);
    expect(queries).toBe(1);
    expect(total).toBe(4);
    expect(entries.map((e) => [e.category, e.kind, e.on_date, e.planned])).toEqual([
      ['sessions', 'session_planned', '2099-11-15', true],
      ['sessions', 'session_held', '2016-02-13', false],
      ['notices', 'notice', '2016-02-01', false],
      ['sessions', 'session_held', '2015-12-01', false],
    ]);
    expect(entries[1]).toMatchObject({
      subject: 'Comité de pilotage — Projet politique',
      detail: 'steering_committee',
      note: '0.50',
      body: null,
    });
  });
});
