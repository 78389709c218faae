import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday } from '../platform/dates';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { visibleCategories } from './policy';
import { pageNumber } from '../platform/pagination';
import { filterLinks, parseTimelineFilters } from './filters';
import { timelinePage, TIMELINE_PAGE_SIZE } from './queries';

/** GET /accompaniments/:id/timeline: everything that happened to the case, in one list. */
export function registerTimeline(app: Express, deps: Deps) {
  app.get('/accompaniments/:id/timeline', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    const allowed = visibleCategories(user, acc);
    const f = parseTimelineFilters(req.query, allowed, req.t);
    const { categories, from, to, order } = f;
    const query = { accompanimentId: acc.id, categories, from, to, order, today: localToday(), reader: user } as const;
    const found = await timelinePage(deps.db, { ...query, page: pageNumber(req.query.page) });
    const { page, total } = found;
    const size = TIMELINE_PAGE_SIZE;
    res.status(Object.keys(f.errors).length ? 422 : 200).render('timeline/index', {
      title: req.t('timeline.title', { title: acc.title }),
      acc,
      entries: found.entries,
      page: { page, pages: Math.max(1, Math.ceil(total / size)), total },
      first: (page - 1) * size + 1,
      ...filterLinks(f, acc.id),
      allowed,
      selected: categories,
      values: f.typed,
      errors: f.errors,
      order,
    });
  });
}
