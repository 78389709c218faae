import type { Express } from 'express';
import { firstPageRead, type ListRow } from '../accompaniments/queries';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { pageOf } from '../platform/pagination';
import { readTogether, type Read } from '../platform/read-together';
import { localToday } from '../phases/today';
import { providerWorkspaceOf } from '../provider-workspace/routes';
import { homePanelsFor } from './panels';
import { adminOverview, colleaguesRead, splitWatch, watchRead, type Colleague, type WatchItem } from './queries';

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
    // Every read of the home (its cases, watch list and colleagues, the areas' panels) goes in one
    // statement: the home was seven small statements, and sending one costs more than running it.
    const today = localToday();
    // A coordinator starts from their own cases; everyone else from all the cases they can see.
    const mine = user.role === 'coordinator';
    const panels = homePanelsFor(deps, user);
    const reads: Record<string, Read<never>> = { ...panels.reads, colleagues: colleaguesRead(deps.db, user) };
    if (user.role !== 'provider') {
      // The ten latest cases only (the list page has them all), each with its last activity.
      reads.cases = firstPageRead(deps.db, user, { mine }, deps.config.stalledAfterDays, HOME_CASES);
      if (user.organisation_kind === 'operator') reads.watch = watchRead(deps.db, user, mine, today);
    }
    const together = readTogether(deps.db, reads);
    // A provider lands on its workspace: the cases it was selected for and what is expected of it.
    const [rows, cases] = await Promise.all([together, user.role === 'provider' ? providerWorkspaceOf(deps, user) : undefined]);
    res.render('home/index', {
      title: req.t('home.title'),
      role: user.role,
      overview: { colleagues: rows.colleagues as Colleague[] },
      cases,
      accompaniments: rows.cases && pageOf(rows.cases as ListRow[], 1, HOME_CASES),
      mine,
      watch: rows.watch && splitWatch(rows.watch as WatchItem[], today),
      panels: panels.shown(rows),
      smtpEnabled: deps.outbox.enabled,
    });
  });
}
