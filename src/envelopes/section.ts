import { readingSection } from '../accompaniments/reading-section';
import { read } from '../platform/read-together';
import { envelopePolicy } from './policy';
import { caseCommitments, type CaseCommitment } from './queries';

/**
 * The case's « Financement » block: its commitments on the operator's envelopes, with the link to
 * commit for the direction. On the framing tab (Diagnostic et cadrage, next to the convention): the
 * overview is read on every visit of a case and stays as it was; this is one indexed read
 * (envelope_commitments_acc_idx), sent with the tab's other reads, for the operator's staff and admins only.
 */
export const envelopesSection = readingSection({
  id: 'envelopes',
  partial: 'envelopes/_section',
  reads: ({ db, user, acc }) =>
    envelopePolicy.seeCase(user, acc)
      ? { commitments: read<CaseCommitment>(caseCommitments(db, acc.id), { bigints: ['id', 'envelope_id'] }) }
      : null,
  show: ({ user, acc }, rows) => ({
    commitments: rows.commitments,
    canCommit: envelopePolicy.commitCase(user, acc),
    accId: acc.id,
  }),
});
