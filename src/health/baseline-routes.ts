import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Rows } from '../platform/db';
import type { Deps } from '../platform/deps';

/**
 * GET /bench/baseline: the cheapest page the app can serve to a logged-in user (the full
 * middleware stack, one trivial query, a tiny EJS view in the layout). `npm run bench` divides
 * each page's throughput by this one's. Registered only when BENCH_BASELINE=on.
 */
export function registerBenchBaseline(app: Express, deps: Deps) {
  app.get('/bench/baseline', requireLogin, async (req, res) => {
    const { rows } = await deps.db.raw<Rows<{ one: number }>>('select 1 as one');
    res.render('health/baseline', { title: req.t('home.title'), one: Number(rows[0].one) });
  });
}
