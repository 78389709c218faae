import {
  addBeneficiary,
  findMembershipTransition,
  MEMBERSHIP_EVENTS,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TRANSITIONS,
  type MembershipEvent,
  membershipRefusal,
  rejoinBeneficiary,
  withdrawBeneficiary,
} from '../../src/accompaniments/beneficiary-lifecycle';
import { DateRefused } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createOrganisation } from '../factories';
import { addBeneficiaryRow } from '../factories/structures';
import { createTestApp, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

// A structure's membership of a case (src/accompaniments/beneficiary-lifecycle.ts): every status ×
// event pair, its guards on the day, its log (beneficiary_changes), and no status written anywhere else.
let t: TestApp;
let team: Awaited<ReturnType<typeof createOperatorTeam>>;
beforeAll(async () => {
  t = await createTestApp();
  team = await createOperatorTeam(t.db);
});
afterAll(() => t.close());

/** Where each event takes a structure from each status; null when the table has no move. */
const EXPECTED: Record<string, Record<MembershipEvent, string | null>> = {
  active: { withdraw: 'withdrawn', rejoin: null },
  withdrawn: { withdraw: null, rejoin: 'active' },
};

const move = (event: MembershipEvent, accId: string, orgId: string, on: string) =>
  t.db.transaction((trx) =>
    event === 'withdraw'
      ? withdrawBeneficiary(
          trx,
          accId,
          orgId,
          { withdrawn_on: on, withdrawal_reasons: 'Fusion.', may_rejoin: 'Peut-être en 2027.' },
          team.coordinator.id,
        )
      : rejoinBeneficiary(trx, accId, orgId, on, team.coordinator.id),
  );

const caseWith = async (status: string) => {
  const acc = await createAccompaniment(t.db, { operatorId: team.operator.id, intakeOn: '2026-01-05' });
  const s = await createOrganisation(t.db, { kind: 'structure' });
  await addBeneficiaryRow(t.db, acc.id, s.id, {
    joined_on: '2026-01-06',
    ...(status === 'withdrawn' ? { withdrawn_on: '2026-02-01' } : {}),
  });
  return { accId: acc.id, orgId: s.id };
};

describe('the membership table', () => {
  it('knows the statuses of the check constraint and the move of each status × event pair', () => {
    expect([...MEMBERSHIP_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const status of MEMBERSHIP_STATUSES)
      for (const event of MEMBERSHIP_EVENTS) {
        const expected = EXPECTED[status][event];
        expect([status, event, findMembershipTransition(status, event)?.to ?? null]).toEqual([status, event, expected]);
        // The pages say the French reason of a move the table does not have.
        const refusal = membershipRefusal(status, event);
        expect(refusal === null).toBe(expected !== null);
        if (refusal) expect(translate('fr', refusal)).not.toBe(refusal);
      }
    for (const m of MEMBERSHIP_TRANSITIONS) expect(MEMBERSHIP_STATUSES).toContain(m.to);
  });

  it('moves a stored structure (and logs it) or writes nothing, for every status × event pair', async () => {
    for (const status of MEMBERSHIP_STATUSES)
      for (const event of MEMBERSHIP_EVENTS) {
        const { accId, orgId } = await caseWith(status);
        const moved = await move(event, accId, orgId, '2026-03-02');
        const row = await t
          .db('accompaniment_beneficiaries')
          .where({ accompaniment_id: accId, organisation_id: orgId })
          .first('status', 'withdrawn_on', 'withdrawal_reasons', 'may_rejoin');
        const log = await t
          .db('beneficiary_changes')
          .where({ accompaniment_id: accId, organisation_id: orgId })
          .select('change', 'on_date', 'reasons', 'may_rejoin', 'actor_id');
        const expected = EXPECTED[status][event];
        expect([status, event, moved, row.status]).toEqual([status, event, expected !== null, expected ?? status]);
        if (!expected) expect(log).toEqual([]);
        else if (event === 'withdraw') {
          expect(row).toEqual({
            status: 'withdrawn',
            withdrawn_on: '2026-03-02',
            withdrawal_reasons: 'Fusion.',
            may_rejoin: 'Peut-être en 2027.',
          });
          expect(log).toEqual([
            {
              change: 'withdrawn',
              on_date: '2026-03-02',
              reasons: 'Fusion.',
              may_rejoin: 'Peut-être en 2027.',
              actor_id: team.coordinator.id,
            },
          ]);
        } else {
          expect(row).toEqual({ status: 'active', withdrawn_on: null, withdrawal_reasons: null, may_rejoin: null });
          expect(log).toEqual([
            {
              change: 'rejoined',
              on_date: '2026-03-02',
              reasons: null,
              may_rejoin: null,
              actor_id: team.coordinator.id,
            },
          ]);
        }
      }
    // A structure that is not in the case is not moved.
    const { accId } = await caseWith('active');
    const stranger = await createOrganisation(t.db, { kind: 'structure' });
    expect(await move('withdraw', accId, stranger.id, '2026-03-02')).toBe(false);
  });

  it('refuses a day before the intake, before the structure joined or came back, before it left', async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (err: unknown) => {
          if (!(err instanceof DateRefused)) throw err;
          return [err.field, err.key, err.params.date];
        },
      );
    const active = await caseWith('active');
    expect(await refusal(move('withdraw', active.accId, active.orgId, '2026-01-04'))).toEqual([
      'withdrawn_on',
      'lifecycle.dateBeforeIntake',
      '2026-01-05',
    ]);
    expect(await refusal(move('withdraw', active.accId, active.orgId, '2026-01-05'))).toEqual([
      'withdrawn_on',
      'beneficiaries.dateBeforeJoined',
      '2026-01-06',
    ]);
    const withdrawn = await caseWith('withdrawn');
    expect(await refusal(move('rejoin', withdrawn.accId, withdrawn.orgId, '2026-01-31'))).toEqual([
      'on_date',
      'beneficiaries.dateBeforeWithdrawal',
      '2026-02-01',
    ]);
    // Back on 2026-02-10, it cannot leave again before that day.
    await move('rejoin', withdrawn.accId, withdrawn.orgId, '2026-02-10');
    expect(await refusal(move('withdraw', withdrawn.accId, withdrawn.orgId, '2026-02-09'))).toEqual([
      'withdrawn_on',
      'beneficiaries.dateBeforeJoined',
      '2026-02-10',
    ]);
    expect(
      await t
        .db('accompaniment_beneficiaries')
        .where({ accompaniment_id: active.accId })
        .first('status')
        .then((r: { status: string }) => r.status),
    ).toBe('active');
  });

  it('logs a join from nothing, once', async () => {
    const acc = await createAccompaniment(t.db, { operatorId: team.operator.id, intakeOn: '2026-01-05' });
    const s = await createOrganisation(t.db, { kind: 'structure' });
    const join = () => t.db.transaction((trx) => addBeneficiary(trx, acc.id, s.id, '2026-01-07', team.coordinator.id));
    expect(await join()).toBe(true);
    expect(await join()).toBe(false);
    expect(
      await t.db('beneficiary_changes').where({ accompaniment_id: acc.id }).select('change', 'on_date', 'actor_id'),
    ).toEqual([{ change: 'joined', on_date: '2026-01-07', actor_id: team.coordinator.id }]);
  });
});

describe('one place for a structure’s membership of a case', () => {
  it('no insert or update of accompaniment_beneficiaries outside accompaniments/beneficiary-lifecycle.ts writes a status', () => {
    expect(
      writtenOutside(
        'accompaniments/beneficiary-lifecycle.ts',
        /\('accompaniment_beneficiaries'\)[^;]*?\.(?:update|insert)\([^;]*?\bstatus\b/g,
      ),
    ).toEqual([]);
  });
});
