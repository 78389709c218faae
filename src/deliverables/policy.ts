import { isHandedOver } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string; state: string };
type Deliverable = { status: string };

/**
 * Who may do what with the deliverables of an accompaniment already loaded through the user's
 * scope (a provider here is the selected one, a beneficiary one of the case's structures).
 * Deliverables belong to the beneficiaries: their content (files, review comments, actions) is
 * for the operator, the provider and the structures; a funder sees titles and statuses, and
 * downloads a file only when a structure consented to it (checked per deliverable), and so does
 * the relay the follow-up was handed to. After the handoff the provider keeps reading but no
 * longer uploads, submits or edits a plan's actions (read-only history). Deny by default.
 */
export const deliverablePolicy = {
  /** The list (titles, statuses, dates): everyone who sees the case. */
  list: (u: SessionUser, _a: Acc) =>
    ['admin', 'manager', 'coordinator', 'provider', 'beneficiary', 'funder'].includes(u.role),
  create: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  seeContent: (u: SessionUser, a: Acc) =>
    isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'provider' || u.role === 'beneficiary',
  /** Reading the files: the same, or a funder once consent is recorded. */
  download: (u: SessionUser, a: Acc, consented: boolean) =>
    deliverablePolicy.seeContent(u, a) || ((u.role === 'funder' || u.role === 'relay') && consented),
  /** Uploads versions and submits: the selected provider (until the handoff), or operator staff for it. */
  contribute: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || (u.role === 'provider' && !isHandedOver(a.state)),
  upload: (u: SessionUser, a: Acc, d: Deliverable) => deliverablePolicy.contribute(u, a) && d.status !== 'accepted',
  submit: (u: SessionUser, a: Acc, d: Deliverable) => deliverablePolicy.contribute(u, a) && d.status === 'expected',
  review: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  manageActions: (u: SessionUser, a: Acc, d: Deliverable & { type: string }) =>
    d.type === 'action_plan' && d.status !== 'accepted' && deliverablePolicy.contribute(u, a),
  /** A structure's user for its own structure, operator staff on a structure's behalf. */
  recordConsent: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'beneficiary',
  consentFor: (u: SessionUser, a: Acc, organisationId: string) =>
    isOperatorStaff(u, a) || (u.role === 'beneficiary' && u.organisation_id === organisationId),
};
