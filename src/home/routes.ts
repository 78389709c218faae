import type { Express } from 'express';
import type { ListRow } from '../accompaniments/queries';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { pageOf, type WithTotal } from '../platform/pagination';
import { localToday } from '../platform/dates';
import { shownPanels } from './panels';
import { readHome } from './statement';
import { adminOverview, HOME_CASES, ownCasesOnly, splitWatch, type Colleague, type WatchItem } from './queries';

/** The first page after login depends on the role. */
export function registerHome(app: Express, deps: Deps) {
  app.get('/', requireLogin, async (req, res) => {
    const user = currentUser(req);
    if (user.role === 'admin') {
      const overview = await adminOverview(deps.db);
      return res.render('home/index', {
        title: req.t('home.title'),
        role: user.role,
        overview,
        smtpEnabled: deps.outbox.enabled,
      });
    }
    // Every read of the home (its cases, watch list and colleagues, the areas' panels) goes in one
    // statement: the home was seven small statements, and sending one costs more than running it.
    // A provider lands on its workspace (a panel): the cases it was selected for and what is expected of it.
    const today = localToday();
    const { rows, panels } = await readHome(deps, user, today);
    res.render('home/index', {
      title: req.t('home.title'),
      role: user.role,
      overview: { colleagues: rows.colleagues as Colleague[] },
      accompaniments: rows.cases && pageOf(rows.cases as WithTotal<ListRow>[], 1, HOME_CASES),
      mine: ownCasesOnly(user),
      watch: rows.watch && splitWatch(rows.watch as WatchItem[], today),
      panels: shownPanels(panels, rows, user),
      smtpEnabled: deps.outbox.enabled,
    });
  });
}
