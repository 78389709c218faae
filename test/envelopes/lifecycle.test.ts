import { systemActor } from '../../src/platform/audit';
import { COMMITMENT_STATUSES, COMMITMENT_TRANSITIONS, commitmentEventsFrom } from '../../src/envelopes/lifecycle';
import { commitOnEnvelope, EnvelopeRefused, releaseCommitment } from '../../src/envelopes/commands';
import { ACTION_TYPE_OF_KIND, meetsConditionsSql, unmetCondition } from '../../src/envelopes/conditions';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createCommitmentRow, createEnvelopeRow } from '../factories/envelopes';
import { createTestApp, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the commitment transition table', () => {
  it('moves committed → released with a reason, and nothing else', () => {
    expect(
      COMMITMENT_TRANSITIONS.map((x) => `${x.from} -${x.event}-> ${x.to}${x.reasonRequired ? ' (reason)' : ''}`),
    ).toEqual(['committed -release-> released (reason)']);
    expect(COMMITMENT_STATUSES.map((s) => [s, commitmentEventsFrom(s)])).toEqual([
      ['committed', ['release']],
      ['released', []],
    ]);
  });

  it('walks the table from every status: the allowed move is logged, the others refused and nothing written', async () => {
    const team = await createOperatorTeam(t.db);
    const env = await createEnvelopeRow(t.db, { operatorId: team.operator.id });
    const acc = await createAccompaniment(t.db, { operatorId: team.operator.id });
    const id = await createCommitmentRow(t.db, env.id, acc.id, '10.00', '2026-03-01');
    const write = t.deps.write;
    const commitment = { id, envelope_id: env.id, accompaniment_id: acc.id };
    await write(systemActor('test'), (w) =>
      releaseCommitment(w, commitment, { happenedOn: '2026-04-01', reason: 'Motif.' }),
    );
    await expect(
      write(systemActor('test'), (w) =>
        releaseCommitment(w, commitment, { happenedOn: '2026-04-02', reason: 'Encore.' }),
      ),
    ).rejects.toThrow('envelopes.transition.invalid');
    expect(
      await t
        .db('envelope_commitment_transitions')
        .where({ commitment_id: id })
        .orderBy('id')
        .select('event', 'from_status', 'to_status', 'happened_on', 'reason'),
    ).toEqual([
      { event: 'commit', from_status: null, to_status: 'committed', happened_on: '2026-03-01', reason: null },
      {
        event: 'release',
        from_status: 'committed',
        to_status: 'released',
        happened_on: '2026-04-01',
        reason: 'Motif.',
      },
    ]);
  });
});

describe('two commitments at once', () => {
  it('cannot both take the last euros: the envelope is locked, the second sees the first and is refused', async () => {
    const team = await createOperatorTeam(t.db);
    const env = await createEnvelopeRow(t.db, { operatorId: team.operator.id, amount: '10000.00' });
    const cases = [
      await createAccompaniment(t.db, { operatorId: team.operator.id }),
      await createAccompaniment(t.db, { operatorId: team.operator.id }),
    ];
    const results = await Promise.allSettled(
      cases.map((acc) =>
        t.deps.write(systemActor('test'), (w) =>
          commitOnEnvelope(w, {
            envelopeId: env.id,
            accompanimentId: acc.id,
            amountEur: '6000.00',
            committedOn: '2026-03-01',
          }),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(EnvelopeRefused);
    expect((refused as PromiseRejectedResult).reason).toMatchObject({
      key: 'envelopes.refused.exceeds',
      needsReason: true,
    });
    expect(await t.db('envelope_commitments').where({ envelope_id: env.id }).pluck('amount_eur')).toEqual(['6000.00']);
  });
});

describe('committing a case again after a release', () => {
  it('a released commitment no longer holds the case on the envelope; a live one still does', async () => {
    const team = await createOperatorTeam(t.db);
    const env = await createEnvelopeRow(t.db, { operatorId: team.operator.id, amount: '10000.00' });
    const acc = await createAccompaniment(t.db, { operatorId: team.operator.id });
    const commit = (amountEur: string, committedOn: string) =>
      t.deps.write(systemActor('test'), (w) =>
        commitOnEnvelope(w, { envelopeId: env.id, accompanimentId: acc.id, amountEur, committedOn }),
      );
    const first = await commit('4000.00', '2026-03-01');
    await expect(commit('1000.00', '2026-03-02')).rejects.toMatchObject({ key: 'envelopes.refused.already' });
    await t.deps.write(systemActor('test'), (w) =>
      releaseCommitment(
        w,
        { id: first.id, envelope_id: env.id, accompaniment_id: acc.id },
        { happenedOn: '2026-04-01', reason: 'Convention résiliée.' },
      ),
    );
    const second = await commit('3000.00', '2026-05-01');
    await expect(commit('1000.00', '2026-05-02')).rejects.toMatchObject({ key: 'envelopes.refused.already' });
    expect(
      await t
        .db('envelope_commitments')
        .where({ envelope_id: env.id, accompaniment_id: acc.id })
        .orderBy('id')
        .select('id', 'amount_eur', 'status'),
    ).toEqual([
      { id: first.id, amount_eur: '4000.00', status: 'released' },
      { id: second.id, amount_eur: '3000.00', status: 'committed' },
    ]);
  });
});

describe('one place for a commitment’s status', () => {
  it('no insert or update of envelope_commitments outside envelopes/lifecycle.ts writes a status (reads may filter on it)', () => {
    expect(
      writtenOutside(
        'envelopes/lifecycle.ts',
        /\('envelope_commitments'\)[^;]*?\.(?:update|insert)\([^;]*?\bstatus\b/g,
        ['src', 'seeds'],
      ),
    ).toEqual([]);
  });
});

describe('the conditions, in TypeScript and in SQL', () => {
  it('agree on every kind and département against envelopes with and without conditions', async () => {
    const envelopes = [
      { eligible_action_types: [], departments: [] },
      { eligible_action_types: ['individual_consultancy'], departments: [] },
      { eligible_action_types: ['collective_consultancy', 'advice'], departments: ['90', '25'] },
      { eligible_action_types: [], departments: ['2A'] },
    ];
    for (const e of envelopes)
      for (const kind of Object.keys(ACTION_TYPE_OF_KIND))
        for (const department of ['90', '2A', null]) {
          const { rows } = await t.db.raw<{ rows: Array<{ ok: boolean }> }>(
            `select ${meetsConditionsSql('e', 'a')} as ok from (select ?::text[] as eligible_action_types, ?::text[] as departments) e,
               (select ?::text as kind, ?::text as department) a`,
            [e.eligible_action_types, e.departments, kind, department],
          );
          expect([e, kind, department, Boolean(rows[0].ok)]).toEqual([
            e,
            kind,
            department,
            unmetCondition(e, { kind, department }) === null,
          ]);
        }
  });
});
