import type { Db } from '../platform/db';
import { read, type RowsOf } from '../platform/read-together';
import { suggestProviders } from '../providers/suggestions';
import {
  bidsQuery,
  consultationQuery,
  criteriaQuery,
  PREPARATION_STATES,
  providerChoices,
  toBid,
  type BidRow,
  type Consultation,
  type Criterion,
} from './queries';
import { toWorkspace, type Workspace, type WorkspaceAcc } from './workspace';

/**
 * The reads of the operator's view of the call for the case page, sent with the tab's other
 * sections' as ONE statement (accompaniments/sections.ts; the consultation page runs the same reads
 * one by one, loadWorkspace): the terms, the grid, the bids with their scores and, only when the
 * call is still open to invitations and no bid is chosen, the providers that may be invited. On the
 * case page each round trip costs more Node time than these small reads.
 */
export function sectionWorkspaceReads(db: Db, acc: WorkspaceAcc, canEdit: boolean) {
  const mayInvite = canEdit && PREPARATION_STATES.includes(acc.state);
  const noneSelected = db('consultation_bids as sb').where({ 'sb.accompaniment_id': acc.id, 'sb.status': 'selected' });
  return {
    consultation: read<Consultation>(consultationQuery(db, acc.id), {
      dates: ['updated_at'],
      bigints: ['accompaniment_id', 'selected_bid_id', 'selected_by'],
    }),
    criteria: read<Criterion>(criteriaQuery(db, acc.id), { bigints: ['id'] }),
    bids: read<BidRow>(bidsQuery(db, acc.id), {
      dates: ['notified_at', 'notification_recorded_at'],
      bigints: ['id', 'provider_id', 'total', 'scored'],
    }),
    ...(mayInvite
      ? {
          providers: read<{ id: string; name: string }>(providerChoices(db, acc.id).whereNotExists(noneSelected), {
            bigints: ['id'],
          }),
        }
      : {}),
  };
}

/** The operator's view of the call from the rows of its reads (sectionWorkspaceReads). */
export function sectionWorkspace(
  db: Db,
  acc: WorkspaceAcc,
  canEdit: boolean,
  r: RowsOf<ReturnType<typeof sectionWorkspaceReads>>,
): Promise<Workspace> {
  const rows = { consultation: r.consultation[0] ?? null, criteria: r.criteria, bids: r.bids.map(toBid) };
  return toWorkspace(
    acc,
    canEdit,
    rows,
    () => Promise.resolve((r as { providers?: { id: string; name: string }[] }).providers ?? []),
    // Only while invitations are open (toWorkspace asks then): a few small reads of the provider base.
    () => suggestProviders(db, acc),
  );
}
