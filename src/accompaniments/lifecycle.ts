import type { MessageKey } from '../platform/i18n';
import type { Trx } from '../platform/db';
import type { Id } from '../platform/id';
import { refuseBefore } from '../platform/dates';
import { logTransition } from '../platform/transitions';
import { conventionFullySigned } from '../conventions/guard';
import { committeeOpinionGiven } from '../support-committee/gate';
import { syncConsultancyActions } from '../pathways/commands';
import { FINAL_STATES, State, STATES } from './states';

/**
 * A guard answers null when the move is allowed, else the catalogue key of the French reason. It
 * gets the day chosen for the move (a committee opinion must predate it).
 */
type Guard = (trx: Trx, accompanimentId: string, onDate: string) => Promise<MessageKey | null>;

/** Guards checked in turn: the first refusal is the one said. */
const allOf =
  (...guards: Guard[]): Guard =>
  async (trx, id, onDate) => {
    for (const g of guards) {
      const refusal = await g(trx, id, onDate);
      if (refusal) return refusal;
    }
    return null;
  };

export type Transition = { from: State; to: State; reasonRequired: boolean; guard?: Guard };

const hasActiveBeneficiary: Guard = async (trx, id) => {
  const row = await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: id, status: 'active' })
    .first<{ id: Id } | undefined>('id');
  return row ? null : 'lifecycle.guard.noBeneficiary';
};

/** Every active beneficiary must have validated the shared diagnostic. */
const diagnosticValidatedByAll: Guard = async (trx, id, onDate) => {
  const missing = await trx('accompaniment_beneficiaries as b')
    .where({ 'b.accompaniment_id': id, 'b.status': 'active' })
    .whereNotExists(
      trx('diagnostic_validations as v')
        .whereRaw('v.accompaniment_id = b.accompaniment_id')
        .whereRaw('v.organisation_id = b.organisation_id'),
    )
    .first<{ id: Id } | undefined>('b.id');
  if (missing) return 'lifecycle.guard.diagnosticNotValidated';
  return hasActiveBeneficiary(trx, id, onDate);
};

const providerSelected: Guard = async (trx, id) => {
  const row = await trx('consultation_bids')
    .where({ accompaniment_id: id, status: 'selected' })
    .first<{ id: Id } | undefined>('id');
  return row ? null : 'lifecycle.guard.noProviderSelected';
};

const forward = (from: State, to: State, guard?: Guard): Transition => ({ from, to, reasonRequired: false, guard });

/** The transition table: the only moves the lifecycle knows. */
export const TRANSITIONS: Transition[] = [
  forward('intake', 'diagnostic', hasActiveBeneficiary),
  { from: 'intake', to: 'referred', reasonRequired: true },
  // The structures validated the diagnostic, then the comité d'appui gave its opinion (support-committee/gate.ts).
  forward('diagnostic', 'consultation', allOf(diagnosticValidatedByAll, committeeOpinionGiven)),
  forward('consultation', 'convention', providerSelected),
  forward('convention', 'delivery', conventionFullySigned),
  forward('delivery', 'close_out'),
  forward('close_out', 'follow_up'),
  forward('close_out', 'closed'),
  forward('follow_up', 'closed'),
  ...STATES.filter((s) => !FINAL_STATES.includes(s)).map((from): Transition => ({
    from,
    to: 'abandoned',
    reasonRequired: true,
  })),
];

export function transitionsFrom(state: State): Transition[] {
  return TRANSITIONS.filter((t) => t.from === state);
}

export function findTransition(from: State, to: string): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export class TransitionRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/**
 * Moves the case inside the caller's transaction: the row is locked, the state re-read (a
 * colleague may have moved it meanwhile), the date checked, the guard checked, the log written.
 * The date is the day the move happened (a case is often recorded after the fact): never before
 * the case's intake, nor before the previous move (DateRefused on 'on_date'); the future is the
 * form's business (happenedOn).
 */
export async function applyTransition(
  trx: Trx,
  accompanimentId: string,
  to: string,
  opts: { actorId: string; comment: string | null; onDate: string },
) {
  const current = await trx('accompaniments')
    .where({ id: accompanimentId })
    .forUpdate()
    .first<{ state: State; intake_on: string }>('state', 'intake_on');
  const transition = findTransition(current.state, to);
  if (!transition) throw new TransitionRefused('lifecycle.invalid');
  refuseBefore('on_date', opts.onDate, current.intake_on, 'lifecycle.dateBeforeIntake');
  const previous = await trx('accompaniment_transitions')
    .where({ accompaniment_id: accompanimentId })
    .max('on_date as on_date')
    .first<{ on_date: string | null } | undefined>();
  refuseBefore('on_date', opts.onDate, previous?.on_date, 'lifecycle.dateBeforePrevious');
  if (transition.reasonRequired && !opts.comment) throw new TransitionRefused('lifecycle.reasonRequired');
  const refusal = transition.guard ? await transition.guard(trx, accompanimentId, opts.onDate) : null;
  if (refusal) throw new TransitionRefused(refusal);
  await trx('accompaniments').where({ id: accompanimentId }).update({ state: to, updated_at: trx.fn.now() });
  await logTransition(trx, 'accompaniment_transitions', {
    accompaniment_id: accompanimentId,
    from_state: current.state,
    to_state: to,
    actor_id: opts.actorId,
    comment: opts.comment,
    on_date: opts.onDate,
  });
  // Its consultancy action in each structure's parcours follows (pathways/consultancy-status.ts).
  await syncConsultancyActions(trx, accompanimentId, { actorId: opts.actorId, onDate: opts.onDate });
  return { from: current.state, to: to as State };
}
