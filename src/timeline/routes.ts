import type { Express } from 'express';
import { z } from 'zod';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday, optionalDate } from '../platform/dates';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm } from '../platform/forms';
import { visibleCategories } from './policy';
import { pageNumber } from '../platform/pagination';
import { Category, listTimeline, TIMELINE_PAGE_SIZE } from './queries';

const dateSchema = z.object({ date: optionalDate() });

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 20) : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** GET /accompaniments/:id/timeline: everything that happened to the case, in one list. */
export function registerTimeline(app: Express, deps: Deps) {
  app.get('/accompaniments/:id/timeline', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    const allowed = visibleCategories(user, acc);
    const asked = list(req.query.kinds).filter((k): k is Category => (allowed as string[]).includes(k));
    const categories = asked.length ? asked : allowed;
    const order = req.query.order === 'desc' ? 'desc' : 'asc';
    const typed = { from: text(req.query.from), to: text(req.query.to) };
    // A wrong bound is said next to its field and left out; the other filters still apply.
    const errors: FieldErrors = {};
    const bound = (field: 'from' | 'to') => {
      const r = parseForm(dateSchema, { date: typed[field] }, req.t);
      if (r.ok) return r.data.date;
      errors[field] = r.errors.date;
      return null;
    };
    const from = bound('from');
    let to = bound('to');
    if (from && to && to < from) {
      errors.to = req.t('validation.endBeforeStart');
      to = null;
    }
    const query = { accompanimentId: acc.id, categories, from, to, order, today: localToday(), reader: user } as const;
    let page = pageNumber(req.query.page);
    let found = await listTimeline(deps.db, { ...query, page });
    // A page past the end (the history got shorter, or a hand-typed number) shows the first one.
    if (!found.entries.length && page > 1) found = await listTimeline(deps.db, { ...query, page: (page = 1) });
    // Links keep the filters; the order toggle flips only the order (and starts again at page 1).
    const params = new URLSearchParams();
    for (const c of asked) params.append('kinds', c);
    if (typed.from) params.set('from', typed.from);
    if (typed.to) params.set('to', typed.to);
    const toggle = new URLSearchParams(params);
    toggle.set('order', order === 'asc' ? 'desc' : 'asc');
    if (order === 'desc') params.set('order', 'desc');
    const pageQuery = (n: number) => {
      const p = new URLSearchParams(params);
      if (n > 1) p.set('page', String(n));
      return `?${p.toString()}`;
    };
    const size = TIMELINE_PAGE_SIZE;
    res.status(Object.keys(errors).length ? 422 : 200).render('timeline/index', {
      title: req.t('timeline.title', { title: acc.title }),
      acc,
      entries: found.entries,
      page: { page, pages: Math.max(1, Math.ceil(found.total / size)), total: found.total },
      first: (page - 1) * size + 1,
      pageQuery,
      allowed,
      selected: categories,
      values: typed,
      errors,
      order,
      toggleHref: `/accompaniments/${acc.id}/timeline?${toggle.toString()}`,
    });
  });
}
