import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';
import { conventionPolicy } from '../conventions/policy';
import { deliverablePolicy } from '../deliverables/policy';
import { closeOutPolicy } from '../close-out/policy';
import { supportCommitteePolicy } from '../support-committee/policy';
import { CATEGORIES, type Category } from './branches';

type Acc = { operator_id: string };

/**
 * The timeline of an accompaniment loaded through the user's scope: everyone in scope reads it,
 * but the consultation's entries (who was invited, who was chosen) stay with the operator's
 * staff and the administrators — a selected provider must not learn who else bid.
 */
export const timelinePolicy = {
  seeConsultation: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin',
  /** Sent progress reports: the operator's account to its funders (the funder is in scope by funding the case). */
  seeReports: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'funder',
  /** Deliverables handed in and reviewed (titles and decisions only): whoever may list the case's deliverables. */
  seeDeliverables: (u: SessionUser, a: Acc & { state: string }) => deliverablePolicy.list(u, a),
  /** The handoff, its acknowledgement and the checkpoints held: the operator's staff, the administrators and relays (in scope by the handoff). */
  seeFollowUp: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'relay',
  /** Versions issued and signatures: whoever may read the convention's board. */
  seeConvention: (u: SessionUser, a: Acc) => conventionPolicy.view(u, a),
  /** The comité d'appui's opinions (and its comments): whoever sees the committee's word on the case, i.e. the operator's staff and administrators. */
  seeCommittee: (u: SessionUser, a: Acc) => supportCommitteePolicy.seeCaseStatus(u, a),
  /** Surveys answered (who, when; never the scores): the operator's staff and administrators, and a structure its own (filtered in the query). */
  seeSurveys: (u: SessionUser, a: Acc & { state: string }) =>
    closeOutPolicy.seeAllSurveys(u, a) || u.role === 'beneficiary',
};

/** The kinds of events a reader may see on the case's timeline: each guarded kind by its rule above, the others to everyone in scope. */
export function visibleCategories(u: SessionUser, a: Acc & { state: string }): Category[] {
  const guarded: Partial<Record<Category, boolean>> = {
    consultation: timelinePolicy.seeConsultation(u, a),
    reports: timelinePolicy.seeReports(u, a),
    convention: timelinePolicy.seeConvention(u, a),
    deliverables: timelinePolicy.seeDeliverables(u, a),
    follow_up: timelinePolicy.seeFollowUp(u, a),
    committee: timelinePolicy.seeCommittee(u, a),
    surveys: timelinePolicy.seeSurveys(u, a),
  };
  return CATEGORIES.filter((c) => guarded[c] !== false);
}
