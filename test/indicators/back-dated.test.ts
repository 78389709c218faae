import { computeIndicators } from '../../src/indicators/queries';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { localToday } from '../../src/platform/dates';
import { createOrganisation } from '../factories';
import { createOperatorTeam } from '../factories/accompaniments';
import { writeDiagnostic } from '../factories/diagnostics';
import { exemptFromCommittee } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';

// Cases recorded today for what happened in 2015–2016: every figure and lead time reads the days
// they happened (intake, moves), never the day they were typed.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Session = Awaited<ReturnType<typeof loginAs>>;

/** A case created through the screens with its intake day, then moved through the states on the days given. */
async function recordPastCase(
  s: Session,
  coordinatorId: string,
  c: {
    title: string;
    kind: 'individual' | 'collective';
    intake: string;
    structures: number;
    moves: [string, string][];
  },
) {
  const structures = [];
  for (let i = 0; i < c.structures; i++) structures.push(await createOrganisation(t.db, { kind: 'structure' }));
  const created = await s.agent
    .post('/accompaniments')
    .type('form')
    .send({
      _csrf: s.csrf,
      title: c.title,
      kind: c.kind,
      coordinator_id: coordinatorId,
      intake_on: c.intake,
      structure_ids: structures.map((o) => o.id),
    })
    .expect(302);
  const accId = created.headers.location.split('/').pop()!;
  for (const [to, onDate] of c.moves) {
    // What the guards ask for, recorded as its areas would (validations through their screen).
    if (to === 'consultation') {
      await writeDiagnostic(t.db, accId, { written_on: c.intake });
      for (const o of structures) {
        await s.agent
          .post(`/accompaniments/${accId}/diagnostic/validations`)
          .type('form')
          .send({ _csrf: s.csrf, organisation_id: o.id, validated_on: onDate, validated_by_name: 'Présidence' })
          .expect(302);
      }
    }
    if (to === 'convention') {
      const provider = await createOrganisation(t.db, { kind: 'provider' });
      await t
        .db('consultation_bids')
        .insert({ accompaniment_id: accId, provider_id: provider.id, invited_on: c.intake, status: 'selected' });
    }
    if (to === 'delivery') {
      await t
        .db('convention_overrides')
        .insert({ accompaniment_id: accId, reason: 'Convention signée sur papier.', decided_by: coordinatorId });
    }
    await s.agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to, on_date: onDate })
      .expect(302);
  }
  return accId;
}

describe('indicators of cases recorded after the fact', () => {
  it('count 2015 and 2016 by the days things happened, and nothing in the year they were typed', async () => {
    const { operator, coordinator, manager } = await createOperatorTeam(t.db);
    await exemptFromCommittee(t.db, operator.id); // the comité d'appui's gate: test/support-committee
    const s = await loginAs(t.app, coordinator.email);
    // A: received 1 Sept 2015, diagnosed 16 Oct 2015, convention 6 Jan 2016, closed out 30 Nov 2016.
    await recordPastCase(s, coordinator.id, {
      title: 'A',
      kind: 'individual',
      intake: '2015-09-01',
      structures: 1,
      moves: [
        ['diagnostic', '2015-09-10'],
        ['consultation', '2015-10-16'],
        ['convention', '2015-12-01'],
        ['delivery', '2016-01-06'],
        ['close_out', '2016-11-30'],
      ],
    });
    // B: received 2 Nov 2015 (two structures), diagnosed 15 Feb 2016.
    await recordPastCase(s, coordinator.id, {
      title: 'B',
      kind: 'collective',
      intake: '2015-11-02',
      structures: 2,
      moves: [
        ['diagnostic', '2015-11-20'],
        ['consultation', '2016-02-15'],
      ],
    });
    // C: received 1 March 2016, still at intake.
    await recordPastCase(s, coordinator.id, {
      title: 'C',
      kind: 'individual',
      intake: '2016-03-01',
      structures: 1,
      moves: [],
    });
    // Everything above was typed today.
    expect(
      (
        await t
          .db('accompaniment_transitions as tr')
          .join('accompaniments as a', 'a.id', 'tr.accompaniment_id')
          .where('a.operator_id', operator.id)
          .select(t.db.raw("to_char(tr.at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day"))
      ).every((r) => r.day === localToday()),
    ).toBe(true);

    const user = (await findSessionUser(t.db, { id: manager.id }))!;
    const year = (y: string) =>
      computeIndicators(t.db, { user, operatorId: null }, { from: `${y}-01-01`, to: `${y}-12-31` });
    const lead = (ind: Awaited<ReturnType<typeof year>>) =>
      Object.fromEntries(ind.leadTimes.map((l) => [l.segment, [l.count, l.median, l.mean]]));

    // 2015, counted by hand: A and B received (3 structures); A diagnosed, 45 days after its intake.
    const y2015 = await year('2015');
    expect(y2015.milestones.received).toEqual({ total: 2, individual: 1, collective: 1, structures: 3 });
    expect(y2015.milestones.diagnosed).toEqual({ total: 1, individual: 1, collective: 0, structures: 1 });
    expect(y2015.milestones.accompanied.total).toBe(0);
    expect(lead(y2015)).toEqual({
      intake_diagnostic: [1, 45, 45],
      diagnostic_convention: [0, null, null],
      convention_close_out: [0, null, null],
      intake_close_out: [0, null, null],
    });

    // 2016: C received; B diagnosed (105 days); A's convention (82 days after its diagnostic) and
    // close-out (329 days after the convention, 456 after the intake).
    const y2016 = await year('2016');
    expect(y2016.milestones.received).toEqual({ total: 1, individual: 1, collective: 0, structures: 1 });
    expect(y2016.milestones.diagnosed).toEqual({ total: 1, individual: 0, collective: 1, structures: 2 });
    expect(y2016.milestones.accompanied).toEqual({ total: 1, individual: 1, collective: 0, structures: 1 });
    expect(lead(y2016)).toEqual({
      intake_diagnostic: [1, 105, 105],
      diagnostic_convention: [1, 82, 82],
      convention_close_out: [1, 329, 329],
      intake_close_out: [1, 456, 456],
    });

    // The year they were typed in: nothing.
    const typed = await year(localToday().slice(0, 4));
    expect(
      typed.milestones.received.total + typed.milestones.diagnosed.total + typed.milestones.accompanied.total,
    ).toBe(0);
    expect(typed.leadTimes.every((l) => l.count === 0)).toBe(true);

    // The page shows the same figures for 2016.
    const m = await loginAs(t.app, manager.email);
    const page = await m.agent.get('/indicators?from=2016-01-01&to=2016-12-31').expect(200);
    expect(page.text).toContain('456');
    expect(page.text).toContain('329');
  });
});
