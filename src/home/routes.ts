import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { adminOverview, memberOverview } from './queries';

/** The first page after login depends on the role. */
export function registerHome(app: Express, deps: Deps) {
  app.get('/', requireLogin, async (req, res) => {
    const user = req.user!;
    const overview = user.role === 'admin' ? await adminOverview(deps.db) : await memberOverview(deps.db, user);
    res.render('home/index', { title: req.t('home.title'), role: user.role, overview, smtpEnabled: deps.outbox.enabled });
  });
}
