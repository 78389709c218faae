import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { DAY, daysAgo } from '../support/days';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ stalledAfterDays: 60 });
});
afterAll(() => t.close());

/** A case of the operator whose own record was last touched `days` ago. */
async function caseLastTouched(
  operatorId: string,
  coordinatorId: string,
  days: number,
  o: { state?: string; title?: string } = {},
) {
  const acc = await createAccompaniment(t.db, {
    operatorId,
    coordinatorId,
    state: o.state ?? 'delivery',
    title: o.title,
  });
  await t
    .db('accompaniments')
    .where({ id: acc.id })
    .update({ updated_at: daysAgo(days) });
  return acc.id;
}

/** The row of a case in the portfolio list, as a piece of HTML. */
const rowOf = (html: string, title: string) => {
  const at = html.indexOf(`>${title}</a>`);
  if (at < 0) return null;
  return html.slice(at, html.indexOf('</tr>', at));
};

describe('stalled accompaniments', () => {
  it('flags a case with no recent activity, not one with a recent session or checkpoint, never a closed one', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    await caseLastTouched(operator.id, coordinator.id, 100, { title: 'Oublié' });
    const withSession = await caseLastTouched(operator.id, coordinator.id, 100, { title: 'Séance récente' });
    await createSession(t.db, withSession, { starts_at: daysAgo(10), status: 'held' });
    await t
      .db('sessions')
      .where({ accompaniment_id: withSession })
      .update({ updated_at: daysAgo(90) });
    // A meeting planned long ago for next year is not activity yet.
    const withFuture = await caseLastTouched(operator.id, coordinator.id, 100, { title: 'Séance future' });
    await createSession(t.db, withFuture, { starts_at: new Date(Date.now() + 200 * DAY), status: 'planned' });
    await t
      .db('sessions')
      .where({ accompaniment_id: withFuture })
      .update({ updated_at: daysAgo(95) });
    const withCheckpoint = await caseLastTouched(operator.id, coordinator.id, 100, {
      title: 'Point de suivi',
      state: 'follow_up',
    });
    await t.db('follow_up_checkpoints').insert({
      accompaniment_id: withCheckpoint,
      offset_months: 6,
      due_on: '2017-05-15',
      recorded_at: daysAgo(5),
      recorded_by: coordinator.id,
    });
    const withNotice = await caseLastTouched(operator.id, coordinator.id, 100, { title: 'Information récente' });
    await t.db('notices').insert({
      accompaniment_id: withNotice,
      kind: 'other',
      on_date: '2016-01-01',
      recipients: 'Région',
      created_at: daysAgo(3),
    });
    await caseLastTouched(operator.id, coordinator.id, 400, { title: 'Clos', state: 'closed' });
    await caseLastTouched(operator.id, coordinator.id, 30, { title: 'Actif' });

    const { agent } = await loginAs(t.app, coordinator.email);
    const list = await agent.get('/accompaniments').expect(200);
    expect(rowOf(list.text, 'Oublié')).toContain('Inactif depuis 100 jours');
    expect(rowOf(list.text, 'Séance future')).toContain('Inactif depuis 95 jours');
    for (const title of ['Séance récente', 'Point de suivi', 'Information récente', 'Clos', 'Actif']) {
      expect(rowOf(list.text, title)).not.toBeNull();
      expect(rowOf(list.text, title)).not.toContain('Inactif depuis');
    }

    const only = await agent.get('/accompaniments?stalled=1').expect(200);
    expect(only.text).toMatch(/name="stalled" value="1" checked/);
    const shown = [
      'Oublié',
      'Séance récente',
      'Séance future',
      'Point de suivi',
      'Information récente',
      'Clos',
      'Actif',
    ].filter((title) => rowOf(only.text, title));
    expect(shown).toEqual(['Oublié', 'Séance future']);
  });

  it('shows the flag in the accompaniment page header', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const stalled = await caseLastTouched(operator.id, coordinator.id, 75);
    const fresh = await caseLastTouched(operator.id, coordinator.id, 2);
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${stalled}`).expect(200);
    const head = page.text.slice(page.text.indexOf('<h1>'), page.text.indexOf('</div>', page.text.indexOf('<h1>')));
    expect(head).toContain('Inactif depuis 75 jours');
    expect(head).toMatch(/title="Aucune activité enregistrée depuis le \d+/);
    expect((await agent.get(`/accompaniments/${fresh}`).expect(200)).text).not.toContain('Inactif depuis');
  });

  it('keeps the list one query whatever the number of cases', async () => {
    const count = async (cases: number) => {
      const { operator, coordinator } = await createOperatorTeam(t.db);
      for (let i = 0; i < cases; i++) {
        const id = await caseLastTouched(operator.id, coordinator.id, 80 + i, { title: `Cas ${cases}-${i}` });
        const sessionId = await createSession(t.db, id, { starts_at: daysAgo(200), status: 'held' });
        await t
          .db('sessions')
          .where({ id: sessionId })
          .update({ updated_at: daysAgo(200) });
      }
      const { agent } = await loginAs(t.app, coordinator.email);
      let n = 0;
      const onQuery = () => n++;
      t.db.on('query', onQuery);
      const list = await agent.get('/accompaniments').expect(200);
      t.db.removeListener('query', onQuery);
      expect(list.text.match(/Inactif depuis \d+ jours/g)).toHaveLength(cases);
      return n;
    };
    const one = await count(1);
    const twenty = await count(20);
    expect(twenty).toBe(one);
  });
});
