import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createPhase } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';

/**
 * The coordinator's watch list on the home page: what is overdue in their live cases and what
 * falls in the next 30 days (phase dates, consultation deadlines), each linking to the tab of
 * the case where it is dealt with; nothing further away, and nothing of a closed case.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const day = (n: number) => format(addDays(new Date(), n), 'yyyy-MM-dd');

/** One card of the list, by its heading id. */
function card(page: string, id: 'home-overdue' | 'home-next'): string {
  const m = new RegExp(`<h2 id="${id}">[\\s\\S]*?</section>`).exec(page);
  if (!m) throw new Error(`no ${id} card`);
  return m[0];
}

describe('watch list on the coordinator home', () => {
  it('lists overdue phase ends and the next 30 days, each linking to the tab that deals with it', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'delivery',
      title: 'Cas suivi',
    });
    await createPhase(t.db, acc.id, {
      position: 1,
      name: 'Phase en retard',
      planned_start: day(-60),
      planned_end: day(-3),
      status: 'in_progress',
    });
    await createPhase(t.db, acc.id, {
      position: 2,
      name: 'Phase bientôt',
      planned_start: day(10),
      planned_end: day(90),
      status: 'planned',
    });
    await createPhase(t.db, acc.id, {
      position: 3,
      name: 'Phase lointaine',
      planned_start: day(60),
      planned_end: day(120),
      status: 'planned',
    });
    await createPhase(t.db, acc.id, {
      position: 4,
      name: 'Phase close',
      planned_start: day(-90),
      planned_end: day(-30),
      status: 'done',
    });
    const tendering = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'consultation',
      title: 'Cas en consultation',
    });
    await t.db('consultations').insert({ accompaniment_id: tendering.id, deadline: day(5) });
    const closed = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'closed',
      title: 'Cas clos',
    });
    await createPhase(t.db, closed.id, { name: 'Phase d’un cas clos', planned_end: day(-1), status: 'in_progress' });

    const { agent } = await loginAs(t.app, coordinator.email);
    const page = (await agent.get('/').expect(200)).text;
    const overdue = card(page, 'home-overdue');
    const next = card(page, 'home-next');

    expect(overdue).toContain('fin prévue de la phase « Phase en retard »');
    expect(overdue).toContain(`href="/accompaniments/${acc.id}#phases"`);
    expect(overdue).not.toContain('Phase close');
    expect(overdue).not.toContain('Phase d’un cas clos');
    // A start date already past is not "overdue": the phase may simply have begun.
    expect(overdue).not.toContain('début prévu de la phase « Phase en retard »');

    expect(next).toContain('début prévu de la phase « Phase bientôt »');
    expect(next).toContain('date limite de la mise en concurrence');
    expect(next).toContain(`href="/accompaniments/${tendering.id}?tab=framing#consultation"`);
    expect(next).not.toContain('Phase lointaine');
    // The soonest first.
    expect(next.indexOf('Cas en consultation')).toBeLessThan(next.indexOf('Phase bientôt'));
  });

  it('says so when nothing is overdue or due soon', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    await createAccompaniment(t.db, { operatorId: operator.id, coordinatorId: coordinator.id, state: 'delivery' });
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = (await agent.get('/').expect(200)).text;
    expect(card(page, 'home-overdue')).toContain('Rien en retard.');
    expect(card(page, 'home-next')).toContain('Rien de prévu dans les 30 prochains jours.');
  });
});
