import type { SessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { funderPortalPanel } from '../funder-portal/panel';
import { handoffPanel } from '../handoffs/panel';
import { followUpPanel } from '../follow-up/panel';

/**
 * Parts of the home page owned by other areas (like the accompaniment page's sections): each
 * loads its own data for the user, or returns null to stay hidden, and renders its own partial.
 */
export type HomePanel = { id: string; partial: string; load: (deps: Deps, user: SessionUser) => Promise<Record<string, unknown> | null> };

export const HOME_PANELS: HomePanel[] = [funderPortalPanel, handoffPanel, followUpPanel];

export async function loadHomePanels(deps: Deps, user: SessionUser) {
  const loaded = [];
  for (const p of HOME_PANELS) {
    const locals = await p.load(deps, user);
    if (locals) loaded.push({ id: p.id, partial: p.partial, locals });
  }
  return loaded;
}
