import type { Express } from 'express';
import type { ListRow } from '../accompaniments/queries';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { pageOf, type WithTotal } from '../platform/pagination';
import { readTogether } from '../platform/read-together';
import { localToday } from '../platform/dates';
import { homePanelsFor } from './panels';
import {
  adminOverview,
  HOME_CASES,
  homeReads,
  ownCasesOnly,
  splitWatch,
  type Colleague,
  type WatchItem,
} from './queries';

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
    const today = localToday();
    const panels = homePanelsFor(deps, user);
    // A provider lands on its workspace (a panel): the cases it was selected for and what is expected of it.
    const rows = await readTogether(deps.db, { ...panels.reads, ...homeReads(deps, user, today) });
    res.render('home/index', {
      title: req.t('home.title'),
      role: user.role,
      overview: { colleagues: rows.colleagues as Colleague[] },
      accompaniments: rows.cases && pageOf(rows.cases as WithTotal<ListRow>[], 1, HOME_CASES),
      mine: ownCasesOnly(user),
      watch: rows.watch && splitWatch(rows.watch as WatchItem[], today),
      panels: panels.shown(rows),
      smtpEnabled: deps.outbox.enabled,
    });
  });
}
