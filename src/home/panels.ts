import type { SessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import type { Read } from '../platform/read-together';
import { funderPortalPanel } from '../funder-portal/panel';
import { handoffPanel } from '../handoffs/panel';
import { followUpPanel } from '../follow-up/panel';
import { providerWorkspacePanel } from '../provider-workspace/panel';
import { invoicesToPayPanel, ordersToCertifyPanel, providerPaymentsPanel } from '../payments/panel';
import { intakePanel } from '../intake/panel';
import { supportCommitteePanel } from '../support-committee/panel';
import { providerRenewalsPanel } from '../providers/panel';
import { todoPanel } from './todo';

/**
 * Parts of the home page owned by other areas (like the accompaniment page's sections). Each
 * names its reads for the user (null when it is not for them); the home sends every part's
 * reads in one statement, then each part turns its rows into its partial's locals (or null to
 * stay hidden).
 */
export type HomePanel = {
  id: string;
  partial: string;
  reads(deps: Deps, user: SessionUser): Record<string, Read<never>> | null;
  // A method, so that each panel can name the row types of its own reads.
  locals(rows: Record<string, unknown[]>, user: SessionUser): Record<string, unknown> | null;
};

export const HOME_PANELS: HomePanel[] = [
  // First: what waits for the user, with a link to act (coordinators, beneficiaries, providers).
  todoPanel,
  funderPortalPanel,
  handoffPanel,
  followUpPanel,
  providerWorkspacePanel,
  providerPaymentsPanel,
  intakePanel,
  supportCommitteePanel,
  providerRenewalsPanel,
  invoicesToPayPanel,
  ordersToCertifyPanel,
];

/** The panels shown to a user, with the names of their reads (`panel id.read`). */
export type ActivePanels = { p: HomePanel; names: string[] }[];

/**
 * The panels for the user: their reads, named `panel id.read` to go with the home's own reads,
 * and the panels these reads are for (shownPanels turns the rows read into what to render).
 */
export function homePanelsFor(deps: Deps, user: SessionUser) {
  const active: ActivePanels = [];
  const reads: Record<string, Read<never>> = {};
  for (const p of HOME_PANELS) {
    const own = p.reads(deps, user);
    if (!own) continue;
    active.push({ p, names: Object.keys(own) });
    for (const [name, r] of Object.entries(own)) reads[`${p.id}.${name}`] = r;
  }
  return { reads, active };
}

/** The panels to render, with their locals, from the rows of their reads. */
export function shownPanels(active: ActivePanels, rows: Record<string, unknown[]>, user: SessionUser) {
  return active.flatMap(({ p, names }) => {
    const locals = p.locals(Object.fromEntries(names.map((name) => [name, rows[`${p.id}.${name}`]])), user);
    return locals ? [{ id: p.id, partial: p.partial, locals }] : [];
  });
}
