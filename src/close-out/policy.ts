import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string; state: string };

/** Close-out starts with delivery: before that there is nothing to assess. */
export const CLOSE_OUT_STATES = ['delivery', 'close_out', 'follow_up', 'closed'];
export const isClosingOut = (a: { state: string }) => CLOSE_OUT_STATES.includes(a.state);

/**
 * Who may do what with the close-out of an accompaniment already loaded through the user's scope.
 * - Operator staff record everything (results, new needs, any structure's survey).
 * - A beneficiary answers only its own structure's survey, once: its answers are then read-only for
 *   it (the operator's staff may still correct them), and it reads only its own answers.
 * - The survey judges the provider: the provider sees averages only, never a structure's scores
 *   or comments. Funders and relays too: they report "satisfaction" as an average.
 * - Everyone in scope reads the checklist and the results per objective.
 */
export const closeOutPolicy = {
  edit: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) && isClosingOut(a),
  answerSurvey: (u: SessionUser, a: Acc, organisationId: string) =>
    isClosingOut(a) && (isOperatorStaff(u, a) || (u.role === 'beneficiary' && u.organisation_id === organisationId)),
  /** Records the answers: a first answer as above; answers already given, the operator's staff only. */
  changeSurvey: (u: SessionUser, a: Acc, organisationId: string, answered: boolean) =>
    closeOutPolicy.answerSurvey(u, a, organisationId) && (!answered || isOperatorStaff(u, a)),
  /** Individual answers (scores per structure, comments). */
  seeSurvey: (u: SessionUser, a: Acc, organisationId: string) =>
    isOperatorStaff(u, a) || u.role === 'admin' || (u.role === 'beneficiary' && u.organisation_id === organisationId),
  seeAllSurveys: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin',
};
