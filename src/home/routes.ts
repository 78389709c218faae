import type { Express } from 'express';
import { listAccompaniments } from '../accompaniments/queries';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { providerWorkspaceOf } from '../provider-workspace/routes';
import { loadHomePanels } from './panels';
import { adminOverview, memberOverview, watchList } from './queries';

/** How many cases the home lists. */
const HOME_CASES = 10;

/** The first page after login depends on the role. */
export function registerHome(app: Express, deps: Deps) {
  app.get('/', requireLogin, async (req, res) => {
    const user = req.user!;
    if (user.role === 'admin') {
      const overview = await adminOverview(deps.db);
      return res.render('home/index', { title: req.t('home.title'), role: user.role, overview, smtpEnabled: deps.outbox.enabled });
    }
    // A provider lands on its workspace: the cases it was selected for and what is expected of it.
    if (user.role === 'provider') {
      const [overview, cases] = await Promise.all([memberOverview(deps.db, user), providerWorkspaceOf(deps, user)]);
      const panels = await loadHomePanels(deps, user);
      return res.render('home/index', { title: req.t('home.title'), role: user.role, overview, cases, panels, smtpEnabled: deps.outbox.enabled });
    }
    // A coordinator starts from their own cases; everyone else from all the cases they can see.
    const mine = user.role === 'coordinator';
    // The home shows the ten latest cases (the list page has them all): only those are read,
    // each with its last activity.
    const [overview, accompaniments, watch] = await Promise.all([
      memberOverview(deps.db, user),
      listAccompaniments(deps.db, user, { mine }, 1, deps.config.stalledAfterDays, HOME_CASES),
      user.organisation_kind === 'operator' ? watchList(deps.db, user, mine) : Promise.resolve(null),
    ]);
    const panels = await loadHomePanels(deps, user);
    res.render('home/index', { title: req.t('home.title'), role: user.role, overview, accompaniments, mine, watch, panels, smtpEnabled: deps.outbox.enabled });
  });
}
