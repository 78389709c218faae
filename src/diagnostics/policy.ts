import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';
import type { MessageKey } from '../platform/i18n';

type Acc = { operator_id: string; state: string };

/** The diagnostic can change while the case is at intake or in its diagnostic stage, not after. */
export const OPEN_STATES = ['intake', 'diagnostic'];
export const isOpen = (a: { state: string }) => OPEN_STATES.includes(a.state);

/** Why the diagnostic is frozen: it was validated and the case moved on, or the case ended early. */
export function closedReason(a: { state: string }): MessageKey {
  return a.state === 'referred' || a.state === 'abandoned'
    ? 'diagnostics.closed.ended'
    : 'diagnostics.closed.validated';
}

/**
 * Who may do what with the shared diagnostic of an accompaniment already loaded through the
 * user's scope (so a provider here is the selected one, a beneficiary one of the structures).
 * - The narrative (findings, context, recommendations) and the attachments belong to the
 *   operator and the structures; the provider reads them once selected (it could not see the
 *   case before: the scope only opens it after selection), as they are the basis of its work.
 * - Funders see that the diagnostic exists, its days, objectives by theme and who validated it
 *   (a reporting milestone) but never its narrative nor the content of its documents.
 * - Relays and anyone else: nothing (deny by default).
 * Only operator staff write; a beneficiary may validate for its own structure.
 */
export const diagnosticPolicy = {
  seeContent: (u: SessionUser, a: Acc) =>
    isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'beneficiary' || u.role === 'provider',
  edit: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  /** May open the validation form at all. */
  validate: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'beneficiary',
  /** Staff record any structure's validation; a beneficiary only its own structure's. */
  validateFor: (u: SessionUser, a: Acc, organisationId: string) =>
    isOperatorStaff(u, a) || (u.role === 'beneficiary' && String(u.organisation_id) === String(organisationId)),
  deleteValidation: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  manageAttachments: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
