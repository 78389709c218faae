import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import { localToday } from '../platform/dates';
import type { PhaseRowInput, PhaseStatus } from './schemas';
import { phasesOn } from './status';
import type { AccompanimentsRow, PhasesRow, PhaseTemplatesRow } from '../platform/db-tables';

export type Phase = {
  id: string;
  position: number;
  name: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  status: PhaseStatus;
  /** Its actual start is the day of its first session held, not a date typed by hand (status.ts). */
  started_by_sessions: boolean;
};

/** A phase as typed by hand in the edit form (listPhases gives it as it stands on a day). */
export type RecordedPhase = Omit<Phase, 'started_by_sessions'> & { planned_days: string | null };

export type PhaseTemplate = { id: string; name: string; phases: string[]; is_default: boolean };

/** The case's phases as they stand on a day (today unless said): status and actual dates from status.ts. */
export function listPhases(db: Db | Trx, accompanimentId: string, asOf: string = localToday()) {
  return phasesOn(db, asOf)
    .where('p.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'p.position' }, { column: 'p.id' }]) as Knex.QueryBuilder<Phase, Phase[]>;
}

/** The case's phases as typed by hand, for the edit form. */
export function listRecordedPhases(db: Db | Trx, accompanimentId: string) {
  return db('phases')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select<RecordedPhase[]>(
      'id',
      'position',
      'name',
      'planned_start',
      'planned_end',
      'planned_days',
      'actual_start',
      'actual_end',
      'status',
    );
}

/** Templates, the default one first. */
export async function listTemplates(db: Db | Trx): Promise<PhaseTemplate[]> {
  const rows = await db<PhaseTemplatesRow>('phase_templates')
    .orderBy([{ column: 'is_default', order: 'desc' }, { column: 'name' }])
    .select('id', 'name', 'phases', 'is_default');
  return rows.map((r) => ({ ...r, phases: parseNames(r.phases) }));
}

function parseNames(value: unknown): string[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string' && n.trim() !== '') : [];
}

export class PhasesAlreadyExist extends Error {}

/**
 * Creates the case's phases from a template. The case row is locked first, so two clicks on the
 * button never give two sets of phases.
 */
export async function createFromTemplate(trx: Trx, accompanimentId: string, template: PhaseTemplate) {
  // Locks the case row, and makes any edit form opened before this one a conflict.
  await trx('accompaniments')
    .where({ id: accompanimentId })
    .update({ phases_lock_version: trx.raw('phases_lock_version + 1') });
  const existing = await trx<PhasesRow>('phases').where({ accompaniment_id: accompanimentId }).first('id');
  if (existing) throw new PhasesAlreadyExist();
  const rows = template.phases.map((name, i) => ({
    accompaniment_id: accompanimentId,
    position: i + 1,
    name,
    status: 'planned',
  }));
  if (rows.length) await trx('phases').insert(rows);
  return rows.length;
}

/** The version of the case's phases the edit form posts back: the phases are edited as one set. */
export async function phasesLockVersion(db: Db | Trx, accompanimentId: string) {
  const row = await db<AccompanimentsRow>('accompaniments').where({ id: accompanimentId }).first('phases_lock_version');
  return Number(row?.phases_lock_version ?? 0);
}

/**
 * Saves the edit form: removed phases are deleted, kept ones updated, new ones inserted; the
 * positions typed are renumbered 1..n in the order asked for. Optimistic locking over the whole
 * set (the form shows every phase): null, nothing written, when someone saved the phases since
 * the form was shown. The version's update also locks the case row for the transaction.
 */
export async function savePhases(trx: Trx, accompanimentId: string, lockVersion: number, rows: PhaseRowInput[]) {
  const current = await trx('accompaniments')
    .where({ id: accompanimentId, phases_lock_version: lockVersion })
    .update({ phases_lock_version: trx.raw('phases_lock_version + 1') });
  if (current !== 1) return null;
  const currentIds = new Set(
    (await trx<PhasesRow>('phases').where({ accompaniment_id: accompanimentId }).pluck('id')).map(String),
  );
  const removed = rows.filter((r) => r.remove && r.id && currentIds.has(r.id)).map((r) => r.id!);
  const kept = rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => !r.remove)
    .sort((a, b) => (a.r.position ?? a.index + 1) - (b.r.position ?? b.index + 1) || a.index - b.index);
  if (removed.length) await trx('phases').where({ accompaniment_id: accompanimentId }).whereIn('id', removed).delete();
  let updated = 0;
  let added = 0;
  for (const [i, { r }] of kept.entries()) {
    const values = {
      position: i + 1,
      name: r.name,
      planned_start: r.planned_start,
      planned_end: r.planned_end,
      planned_days: r.planned_days,
      actual_start: r.actual_start,
      actual_end: r.actual_end,
      status: r.status,
    };
    // A row whose phase no longer exists (a colleague removed it, and this user saved again from
    // the conflict page) is saved as a new one: what this user typed is not lost.
    if (r.id && currentIds.has(r.id)) {
      await trx('phases').where({ id: r.id, accompaniment_id: accompanimentId }).update(values);
      updated++;
    } else {
      await trx('phases').insert({ ...values, accompaniment_id: accompanimentId });
      added++;
    }
  }
  return { added, updated, removed: removed.length };
}

/**
 * The days already recorded for the case, which its phases' planned days start from (shown on the
 * phases' form): the days contracted on the case, the selected provider's proposal and the terms of
 * reference; null where nothing is recorded. One statement (the case's key, the consultation's key).
 */
export async function recordedDays(db: Db | Trx, accompanimentId: string) {
  const row = await db('accompaniments as a')
    .leftJoin('consultations as c', 'c.accompaniment_id', 'a.id')
    .leftJoin('consultation_bids as b', 'b.id', 'c.selected_bid_id')
    .where('a.id', accompanimentId)
    .first<{ contracted: string | null; proposed: string | null; terms: string | null } | undefined>(
      db.raw('a.budget_days::text as contracted'),
      db.raw('b.proposal_days::text as proposed'),
      db.raw('c.days::text as terms'),
    );
  return { contracted: row?.contracted ?? null, proposed: row?.proposed ?? null, terms: row?.terms ?? null };
}
