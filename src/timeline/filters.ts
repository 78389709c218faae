/** The timeline's filters: read from the query string (a wrong date bound said next to its field), and written back into its links. */
import { z } from 'zod';
import { optionalDate } from '../platform/dates';
import { FieldErrors, parseForm } from '../platform/forms';
import type { Translate } from '../platform/i18n';
import type { Category } from './branches';

const dateSchema = z.object({ date: optionalDate() });

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 20) : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export type TimelineFilters = {
  /** The kinds ticked among those the reader may see (none ticked: all of them). */
  asked: Category[];
  categories: Category[];
  order: 'asc' | 'desc';
  /** The bounds as typed, to show them again. */
  typed: { from: string; to: string };
  from: string | null;
  to: string | null;
  errors: FieldErrors;
};

/** The filters of the query string. A wrong bound is said next to its field and left out; the other filters still apply. */
export function parseTimelineFilters(
  query: Record<string, unknown>,
  allowed: Category[],
  t: Translate,
): TimelineFilters {
  const asked = list(query.kinds).filter((k): k is Category => (allowed as string[]).includes(k));
  const typed = { from: text(query.from), to: text(query.to) };
  const errors: FieldErrors = {};
  const bound = (field: 'from' | 'to') => {
    const r = parseForm(dateSchema, { date: typed[field] }, t);
    if (r.ok) return r.data.date;
    errors[field] = r.errors.date;
    return null;
  };
  const from = bound('from');
  let to = bound('to');
  if (from && to && to < from) {
    errors.to = t('validation.endBeforeStart');
    to = null;
  }
  const order = query.order === 'desc' ? 'desc' : 'asc';
  return { asked, categories: asked.length ? asked : allowed, order, typed, from, to, errors };
}

/** Links keep the filters; the order toggle flips only the order (and starts again at page 1). */
export function filterLinks(f: TimelineFilters, accompanimentId: string) {
  const params = new URLSearchParams();
  for (const c of f.asked) params.append('kinds', c);
  if (f.typed.from) params.set('from', f.typed.from);
  if (f.typed.to) params.set('to', f.typed.to);
  const toggle = new URLSearchParams(params);
  toggle.set('order', f.order === 'asc' ? 'desc' : 'asc');
  if (f.order === 'desc') params.set('order', 'desc');
  const pageQuery = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 1) p.set('page', String(n));
    return `?${p.toString()}`;
  };
  return { pageQuery, toggleHref: `/accompaniments/${accompanimentId}/timeline?${toggle.toString()}` };
}
