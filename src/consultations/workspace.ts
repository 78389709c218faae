import { FINAL_STATES, State } from '../accompaniments/states';
import type { Db } from '../platform/db';
import type { Id } from '../platform/id';
import { suggestProviders, type Suggestion, type SuggestionCase } from '../providers/suggestions';
import {
  type Bid,
  type Consultation,
  type Criterion,
  findConsultation,
  gridTotal,
  listBids,
  listCriteria,
  lockReason,
  type LockedReason,
  providerChoices,
  WITH_PROPOSAL,
} from './queries';

/*
 * The operator's view of the call (the consultation page, and the case's section through
 * section-query.ts): the bids ranked, what may be done on the call now, the budget offered.
 */

export type RankedBid = Bid & { rank: number | null; complete: boolean; hasProposal: boolean };

/**
 * The ranking shown to the operator: fully scored proposals by total (ties share a rank, the
 * cheaper first), then proposals not fully scored, then invitations still open, then refusals.
 */
export function rankBids(bids: Bid[], criteriaCount: number): RankedBid[] {
  const group = (b: Bid) => {
    if (!WITH_PROPOSAL.includes(b.status)) return b.status === 'invited' ? 2 : 3;
    return criteriaCount > 0 && b.scored >= criteriaCount ? 0 : 1;
  };
  const sorted = [...bids].sort(
    (a, b) =>
      group(a) - group(b) ||
      (b.total ?? 0) - (a.total ?? 0) ||
      Number(a.proposal_price_eur ?? Infinity) - Number(b.proposal_price_eur ?? Infinity) ||
      a.provider_name.localeCompare(b.provider_name, 'fr'),
  );
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((b, i) => {
    const complete = group(b) === 0;
    if (complete && b.total !== previous) {
      rank = i + 1;
      previous = b.total;
    }
    return { ...b, rank: complete ? rank : null, complete, hasProposal: WITH_PROPOSAL.includes(b.status) };
  });
}

export type Workspace = {
  consultation: Consultation | null;
  criteria: Criterion[];
  gridMax: number;
  bids: RankedBid[];
  selected: RankedBid | null;
  providers: { id: string; name: string }[];
  /** The providers Jalons proposes for the call (providers/suggestions.ts), while invitations are open. */
  suggestions: Suggestion[];
  canEdit: boolean;
  /** Catalogue key explaining why the call cannot be changed now, or null when it can. */
  lockedReason: LockedReason;
  canSelect: boolean;
  canUnselect: boolean;
  budget: { offer: boolean; differs: boolean };
};

export type WorkspaceAcc = SuggestionCase & {
  state: string;
  budget_days: string | null;
  budget_eur: string | null;
};

/** Everything the operator's view of the call needs, for the consultation page (the section reads it in one statement: section-query.ts). */
export async function loadWorkspace(db: Db, acc: WorkspaceAcc, canEdit: boolean): Promise<Workspace> {
  const [consultation, criteria, bids] = await Promise.all([
    findConsultation(db, acc.id),
    listCriteria(db, acc.id),
    listBids(db, acc.id),
  ]);
  return toWorkspace(
    acc,
    canEdit,
    { consultation, criteria, bids },
    () => providerChoices(db, acc.id),
    () => suggestProviders(db, acc),
  );
}

/** Ranks the bids and decides what may be done; the providers still invitable are read only when the call is open to invitations. */
export async function toWorkspace(
  acc: WorkspaceAcc,
  canEdit: boolean,
  read: { consultation: Consultation | null; criteria: Criterion[]; bids: Bid[] },
  providerList: () => PromiseLike<{ id: Id; name: string }[]>,
  suggestionList: () => Promise<Suggestion[]>,
): Promise<Workspace> {
  const { consultation, criteria, bids } = read;
  const ranked = rankBids(bids, criteria.length);
  const selected = ranked.find((b) => b.status === 'selected') ?? null;
  const lockedReason = lockReason(acc.state, Boolean(selected));
  const open = canEdit && !lockedReason;
  const [providers, suggestions] = open ? await Promise.all([providerList(), suggestionList()]) : [[], []];
  const days = selected?.proposal_days ?? null;
  const price = selected?.proposal_price_eur ?? null;
  const budgetEmpty = acc.budget_days === null || acc.budget_eur === null;
  const differs =
    Boolean(selected) &&
    !budgetEmpty &&
    (Number(acc.budget_days) !== Number(days) || Number(acc.budget_eur) !== Number(price));
  return {
    consultation,
    criteria,
    gridMax: gridTotal(criteria),
    bids: ranked,
    selected,
    providers: providers.map((p) => ({ id: p.id, name: p.name })),
    suggestions,
    canEdit,
    lockedReason,
    canSelect: canEdit && !selected && acc.state === 'consultation',
    canUnselect: canEdit && Boolean(selected) && acc.state === 'consultation',
    budget: {
      offer: canEdit && Boolean(selected) && budgetEmpty && !FINAL_STATES.includes(acc.state as State),
      differs,
    },
  };
}
