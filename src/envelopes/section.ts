import type { Section } from '../accompaniments/sections';
import { envelopePolicy } from './policy';
import { caseCommitments } from './queries';

/**
 * The case's « Financement » block: its commitments on the operator's envelopes, with the link to
 * commit for the direction. On the framing tab (Diagnostic et cadrage, next to the convention): the
 * overview is read on every visit of a case and stays as it was; this is one indexed read
 * (envelope_commitments_acc_idx), for the operator's staff and admins only.
 */
export const envelopesSection: Section = {
  id: 'envelopes',
  partial: 'envelopes/_section',
  load: async ({ db, user, acc }) => {
    if (!envelopePolicy.seeCase(user, acc)) return null;
    return {
      commitments: await caseCommitments(db, acc.id),
      canCommit: envelopePolicy.commitCase(user, acc),
      accId: acc.id,
    };
  },
};
