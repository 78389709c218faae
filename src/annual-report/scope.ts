import type { Request } from 'express';
import { z } from 'zod';
import type { SessionUser } from '../platform/auth/session-user';
import { currentUser } from '../platform/auth/guards';
import type { Db } from '../platform/db';
import { localToday } from '../platform/dates';
import { type FieldErrors, parseForm } from '../platform/forms';
import type { IndicatorScope, Period } from '../indicators/queries';
import { regionByCode, REGIONS, type Region } from './regions';

/**
 * What an annual report covers: one operator, the operators of a region (admins), or every operator
 * (admins). Operator staff always get their own operator, whatever the query string says.
 */
export type ReportScope =
  | { kind: 'operator'; operatorId: string; name: string }
  | { kind: 'region'; region: Region; operatorIds: string[] }
  | { kind: 'national' };

/** The report asked for: a year (default last year) and, for admins, ?scope=national | region-84 | operator-12. */
export type ReportInput = { year: string; scope: string };
export type ReportRequest = { input: ReportInput } & (
  { ok: true; year: number; period: Period; scope: ReportScope } | { ok: false; errors: FieldErrors }
);

export const FIRST_YEAR = 2000;
const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 40) : '');

const yearSchema = (last: number) =>
  z.object({
    year: z
      .string()
      .regex(/^\d{4}$/, { error: 'annualReport.validation.year' })
      .transform(Number)
      .refine((y) => y >= FIRST_YEAR && y <= last, { error: 'annualReport.validation.year' }),
  });

/** The operators an admin may pick, with their département (for the regions). */
export const operatorChoices = (db: Db) =>
  db('organisations')
    .where({ kind: 'operator' })
    .orderBy('name')
    .select<{ id: string; name: string; department: string | null }[]>('id', 'name', 'department');

/** Parses the year and resolves the scope; an unknown region or operator is an error next to the field. */
export async function reportRequest(db: Db, req: Request): Promise<ReportRequest> {
  const user = currentUser(req);
  const thisYear = Number(localToday().slice(0, 4));
  const input: ReportInput = {
    year: str(req.query.year) || String(thisYear - 1),
    scope: user.role === 'admin' ? str(req.query.scope) || 'national' : '',
  };
  const parsed = parseForm(yearSchema(thisYear), { year: input.year }, req.t);
  const scope = await resolveScope(db, user, input.scope);
  if (!parsed.ok || !scope) {
    const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (!scope) errors.scope = req.t('annualReport.validation.scope');
    return { input, ok: false, errors };
  }
  const year = parsed.data.year;
  return { input, ok: true, year, period: { from: `${year}-01-01`, to: `${year}-12-31` }, scope };
}

async function resolveScope(db: Db, user: SessionUser, asked: string): Promise<ReportScope | null> {
  if (user.role !== 'admin')
    return { kind: 'operator', operatorId: user.organisation_id, name: user.organisation_name };
  if (asked === 'national') return { kind: 'national' };
  const region = /^region-(\w{2})$/.exec(asked);
  if (region) {
    const r = regionByCode(region[1]);
    if (!r) return null;
    const departments: readonly string[] = r.departments;
    const ids = (await operatorChoices(db)).filter((o) => o.department && departments.includes(o.department));
    return { kind: 'region', region: r, operatorIds: ids.map((o) => o.id) };
  }
  const operator = /^operator-([1-9]\d{0,17})$/.exec(asked);
  if (operator) {
    const row = await db('organisations')
      .where({ id: operator[1], kind: 'operator' })
      .first<{ id: string; name: string } | undefined>('id', 'name');
    return row ? { kind: 'operator', operatorId: row.id, name: row.name } : null;
  }
  return null;
}

/** The operators a scope narrows to (null: every operator). */
export const operatorIdsOf = (scope: ReportScope): string[] | null =>
  scope.kind === 'national' ? null : scope.kind === 'region' ? scope.operatorIds : [scope.operatorId];

/** The same scope as the indicators' figures take it (the user's own scope applies first). */
export const indicatorScopeOf = (user: SessionUser, scope: ReportScope): IndicatorScope => ({
  user,
  operatorId: null,
  operatorIds: operatorIdsOf(scope),
});

/** The scope's choices of an admin's form: the whole country, each region, each operator. */
export async function scopeOptions(db: Db) {
  const operators = await operatorChoices(db);
  return {
    regions: REGIONS.map((r) => ({ value: `region-${r.code}`, label: r.name })),
    operators: operators.map((o) => ({ value: `operator-${o.id}`, label: o.name })),
  };
}

/** The query string of the same report, for the export links. */
export function reportSearch(input: ReportInput) {
  const params = new URLSearchParams({ year: input.year });
  if (input.scope) params.set('scope', input.scope);
  return params.toString();
}
