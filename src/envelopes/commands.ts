/**
 * Funding envelopes' commands (issue 20), callable from a route, a job, the seeds or the CLI: each
 * takes the write context (transaction + audit) and plain data, never a request. Creating and
 * editing an envelope, committing a case's amount on it (the rules: its year, its conditions, what
 * is left, unless the direction confirms with a reason) and releasing a commitment (lifecycle.ts).
 * This area alone writes funding_envelopes and envelope_commitments; others read them.
 */
import { DateRefused, localToday, refuseBefore } from '../platform/dates';
import type { FundingEnvelopesRow } from '../platform/db-tables';
import type { MessageKey, Params } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import { refusedCodes } from '../reference-lists/lists';
import { unmetCondition } from './conditions';
import { applyCommitmentTransition, insertCommitment } from './lifecycle';
import type { EnvelopeInput } from './schemas';

/** A rule refused a form: the message goes next to `field` (or over the form), with its parameters. */
export class EnvelopeRefused extends Error {
  constructor(
    readonly field: string | null,
    readonly key: MessageKey,
    readonly params: Params = {},
    /** Committing beyond what is left: the form asks for the direction's reason. */
    readonly needsReason = false,
  ) {
    super(key);
  }
}

/** The funder is an organisation of kind 'funder'; the action types are active codes of the national list (or kept). */
async function checkEnvelopeInput(w: WriteContext, input: EnvelopeInput, kept: readonly string[] = []) {
  const funder = await w
    .trx('organisations')
    .where({ id: input.funder_id, kind: 'funder' })
    .first<{ id: string } | undefined>('id');
  if (!funder) throw new EnvelopeRefused('funder_id', 'envelopes.chooseFunder');
  if ((await refusedCodes(w.trx, 'action_type', input.eligible_action_types, kept)).length)
    throw new EnvelopeRefused('eligible_action_types', 'validation.choice');
}

const envelopeRow = (input: EnvelopeInput) => ({
  label: input.label,
  funder_id: input.funder_id,
  year: input.year,
  amount_eur: input.amount_eur,
  eligible_action_types: input.eligible_action_types,
  departments: input.departments,
  notes: input.notes,
});

/** An operator's funder's label is unique per year (funding_envelopes_unique). */
async function refuseDuplicate(w: WriteContext, operatorId: string, input: EnvelopeInput, exceptId?: string) {
  const same = await w
    .trx('funding_envelopes')
    .where({ operator_id: operatorId, funder_id: input.funder_id, year: input.year })
    .whereRaw('lower(label) = lower(?)', [input.label])
    .modify((q) => (exceptId ? q.whereNot('id', exceptId) : q))
    .first<{ id: string } | undefined>('id');
  if (same) throw new EnvelopeRefused('label', 'envelopes.duplicate');
}

/** A new envelope of `operatorId`. Its id. */
export async function createEnvelope(w: WriteContext, operatorId: string, input: EnvelopeInput) {
  await checkEnvelopeInput(w, input);
  await refuseDuplicate(w, operatorId, input);
  const [{ id }] = await w
    .trx('funding_envelopes')
    .insert({ operator_id: operatorId, ...envelopeRow(input), created_by: w.actor.userId })
    .returning<Array<{ id: string }>>('id');
  await w.audit({
    action: 'envelope.create',
    entityType: 'funding_envelope',
    entityId: id,
    details: { operator_id: operatorId, ...envelopeRow(input) },
  });
  return String(id);
}

/**
 * Saves an envelope at the version the form showed: false (nothing written) when someone saved
 * meanwhile. Its amount may go below what is committed: the page then says it is exceeded.
 */
export async function updateEnvelope(
  w: WriteContext,
  envelope: { id: string; operator_id: string; eligible_action_types: string[] },
  input: EnvelopeInput,
  lockVersion: number,
) {
  await checkEnvelopeInput(w, input, envelope.eligible_action_types);
  await refuseDuplicate(w, envelope.operator_id, input, envelope.id);
  const before = await w.trx('funding_envelopes').where({ id: envelope.id }).first<FundingEnvelopesRow>();
  const changed = await w
    .trx('funding_envelopes')
    .where({ id: envelope.id, lock_version: lockVersion })
    .update({ ...envelopeRow(input), lock_version: lockVersion + 1, updated_at: w.trx.fn.now() });
  await w.audit({
    action: changed ? 'envelope.update' : 'envelope.update_conflict',
    entityType: 'funding_envelope',
    entityId: envelope.id,
    details: changed ? { before, after: envelopeRow(input) } : {},
  });
  return changed > 0;
}

export type CommitOnEnvelope = {
  envelopeId: string;
  accompanimentId: string;
  /** Euros with cents as PostgreSQL reads a numeric: "1234.56" (forms.ts amount()). */
  amountEur: string;
  /** The day of the commitment (the convention's), chosen by the user: never after the office's today. */
  committedOn: string;
  /** The direction's reason to commit beyond what is left on the envelope; without it, that is refused. */
  overEnvelopeReason?: string | null;
};

/**
 * Commits an amount of a case on an envelope of its operator. Refused (EnvelopeRefused, or
 * DateRefused for the day) when: the envelope is another operator's; the day is in the future or
 * before the case's intake; the envelope's year is not the day's year; the case does not meet the
 * envelope's conditions (action type from the case's kind, département); the case already has a
 * live commitment on that envelope (a released one does not count: the case may be committed again); the amount exceeds what is left (amount − committed), unless the
 * direction gives its reason (kept in over_envelope_reason and in the audit entry). The envelope's
 * row is locked, so two commitments at once cannot both take the last euros. Its id and, when it
 * went beyond the envelope, by how much (text, numeric).
 */
export async function commitOnEnvelope(w: WriteContext, input: CommitOnEnvelope) {
  const envelope = await w
    .trx('funding_envelopes')
    .where({ id: input.envelopeId })
    .forUpdate()
    .first<
      | { id: string; operator_id: string; year: number; eligible_action_types: string[]; departments: string[] }
      | undefined
    >('id', 'operator_id', 'year', 'eligible_action_types', 'departments');
  const acc = await w
    .trx('accompaniments')
    .where({ id: input.accompanimentId })
    .first<{ id: string; operator_id: string; kind: string; department: string | null; intake_on: string } | undefined>(
      'id',
      'operator_id',
      'kind',
      'department',
      'intake_on',
    );
  if (!envelope || !acc || envelope.operator_id !== acc.operator_id)
    throw new EnvelopeRefused('envelope_id', 'envelopes.commit.chooseEnvelope');
  if (input.committedOn > localToday()) throw new DateRefused('committed_on', 'validation.dateFuture');
  if (Number(input.committedOn.slice(0, 4)) !== envelope.year)
    throw new EnvelopeRefused('committed_on', 'envelopes.refused.year', { year: envelope.year });
  refuseBefore('committed_on', input.committedOn, acc.intake_on, 'envelopes.commit.beforeIntake');
  const unmet = unmetCondition(envelope, acc);
  if (unmet === 'actionType') throw new EnvelopeRefused('envelope_id', 'envelopes.refused.actionType');
  if (unmet === 'department')
    throw new EnvelopeRefused('envelope_id', 'envelopes.refused.department', { department: acc.department ?? '—' });
  const already = await w
    .trx('envelope_commitments')
    .where({ envelope_id: envelope.id, accompaniment_id: acc.id, status: 'committed' })
    .first<{ id: string } | undefined>('id');
  if (already) throw new EnvelopeRefused('envelope_id', 'envelopes.refused.already');
  const { rows } = await w.trx.raw<{ rows: Array<{ left_eur: string; over_by: string | null }> }>(
    `select (e.amount_eur - x.committed)::text as left_eur,
        case when ?::numeric > e.amount_eur - x.committed then (?::numeric - (e.amount_eur - x.committed))::text end as over_by
     from funding_envelopes e cross join lateral (select coalesce(sum(amount_eur), 0) as committed
       from envelope_commitments where envelope_id = e.id and status = 'committed') x
     where e.id = ?`,
    [input.amountEur, input.amountEur, envelope.id],
  );
  const { left_eur, over_by } = rows[0];
  const reason = input.overEnvelopeReason?.trim() || null;
  if (over_by && !reason)
    throw new EnvelopeRefused('amount_eur', 'envelopes.refused.exceeds', { left: left_eur, over: over_by }, true);
  const id = await insertCommitment(w.trx, {
    envelope_id: envelope.id,
    accompaniment_id: acc.id,
    amount_eur: input.amountEur,
    committed_on: input.committedOn,
    over_envelope_reason: over_by ? reason : null,
    created_by: w.actor.userId,
  });
  await w.audit({
    action: over_by ? 'envelope.commit_over' : 'envelope.commit',
    entityType: 'envelope_commitment',
    entityId: id,
    details: {
      envelope_id: envelope.id,
      accompaniment_id: acc.id,
      amount_eur: input.amountEur,
      committed_on: input.committedOn,
      left_before: left_eur,
      ...(over_by ? { over_by, over_envelope_reason: reason } : {}),
    },
  });
  return { id, overBy: over_by };
}

/** Releases a commitment (its amount no longer counts on the envelope), on a day, with the reason. */
export async function releaseCommitment(
  w: WriteContext,
  commitment: { id: string; envelope_id: string; accompaniment_id: string },
  input: { happenedOn: string; reason: string },
) {
  const moved = await applyCommitmentTransition(w.trx, commitment.id, 'release', {
    actorId: w.actor.userId,
    happenedOn: input.happenedOn,
    reason: input.reason,
  });
  await w.audit({
    action: 'envelope.commitment_release',
    entityType: 'envelope_commitment',
    entityId: commitment.id,
    details: { ...moved, envelope_id: commitment.envelope_id, accompaniment_id: commitment.accompaniment_id, ...input },
  });
}
