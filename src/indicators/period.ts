import type { Request } from 'express';
import { z } from 'zod';
import { requiredDate } from '../platform/dates';
import { currentUser, isId } from '../platform/auth/guards';
import { FieldErrors, parseForm } from '../platform/forms';
import { localToday } from '../platform/dates';
import type { IndicatorScope, Period } from './queries';

const periodSchema = z
  .object({ from: requiredDate(), to: requiredDate() })
  .refine((p) => p.from <= p.to, { path: ['to'], error: 'validation.endBeforeStart' });

/** What the period form shows back: the user's own input, even when it is wrong. */
export type PeriodInput = { from: string; to: string; operator: string };

export type PeriodQuery = { input: PeriodInput } & (
  { ok: true; period: Period; scope: IndicatorScope } | { ok: false; errors: FieldErrors }
);

const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 40) : '');

/**
 * The period and scope of a request: ?from=&to= (default: the current calendar year) and, for
 * admins only, ?operator=ID. Everyone else gets what scopeAccompaniments gives them.
 */
export function periodQuery(req: Request): PeriodQuery {
  const year = localToday().slice(0, 4);
  const input: PeriodInput = {
    from: str(req.query.from) || `${year}-01-01`,
    to: str(req.query.to) || `${year}-12-31`,
    operator: currentUser(req).role === 'admin' && isId(str(req.query.operator)) ? str(req.query.operator) : '',
  };
  const parsed = parseForm(periodSchema, input, req.t);
  if (!parsed.ok) return { input, ok: false, errors: parsed.errors };
  return {
    input,
    ok: true,
    period: parsed.data,
    scope: { user: currentUser(req), operatorId: input.operator || null },
  };
}

/** The query string of the same period, for the export links. */
export function periodSearch(input: PeriodInput) {
  const params = new URLSearchParams({ from: input.from, to: input.to });
  if (input.operator) params.set('operator', input.operator);
  return params.toString();
}
