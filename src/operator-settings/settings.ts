/**
 * What an operator configures for its intake register and its comité d'appui (the operator_settings
 * row, created by the first save of /settings/operator). Every reader goes through here: without a
 * row, or with a list never filled in, the defaults below apply.
 */
import type { Knex } from 'knex';
import { KINDS, type Kind } from '../accompaniments/states';
import type { Db, Trx } from '../platform/db';

/**
 * The eligibility checklist offered until the operator writes its own, in the words of the DLA's
 * framework (the operator's settings hold its own words, so these are data, not interface text).
 */
export const DEFAULT_ELIGIBILITY_CRITERIA: readonly string[] = [
  'Structure d’utilité sociale employeuse',
  'Siège sur le territoire du DLA',
  'Besoin relevant du DLA',
];

/** Requests still unanswered after this many days show on the coordinator's home, until the operator says otherwise. */
export const DEFAULT_INTAKE_REMINDER_DAYS = 15;

/** The consultancy kinds the operator may exempt from the comité d'appui. */
export const EXEMPTABLE_KINDS = KINDS;

export type OperatorSettings = {
  eligibility_criteria: string[];
  intake_reminder_days: number;
  /** Consultancy kinds whose consultation may open without a favourable opinion of the comité d'appui. */
  committee_exempt_kinds: Kind[];
  /** Whether the operator saved its settings at least once (else every value is a default). */
  saved: boolean;
};

type Row = {
  eligibility_criteria: string[] | null;
  intake_reminder_days: number;
  committee_exempt_kinds: string[] | null;
};

/** A stored row (or none) as the settings in force. */
export function settingsOf(row: Row | undefined | null): OperatorSettings {
  const criteria = row?.eligibility_criteria ?? [];
  return {
    eligibility_criteria: criteria.length ? criteria : [...DEFAULT_ELIGIBILITY_CRITERIA],
    intake_reminder_days: row?.intake_reminder_days ?? DEFAULT_INTAKE_REMINDER_DAYS,
    committee_exempt_kinds: (row?.committee_exempt_kinds ?? []).filter((k): k is Kind =>
      (EXEMPTABLE_KINDS as readonly string[]).includes(k),
    ),
    saved: Boolean(row),
  };
}

/** The settings in force at an operator: its row, or the defaults. */
export async function operatorSettings(db: Db | Trx, operatorId: string): Promise<OperatorSettings> {
  const row = await db('operator_settings')
    .where({ operator_id: operatorId })
    .first<Row | undefined>('eligibility_criteria', 'intake_reminder_days', 'committee_exempt_kinds');
  return settingsOf(row);
}

/** Whether a consultancy of this kind at this operator may go without the comité d'appui's opinion. */
export async function isCommitteeExempt(db: Db | Trx, operatorId: string, kind: Kind): Promise<boolean> {
  return (await operatorSettings(db, operatorId)).committee_exempt_kinds.includes(kind);
}

/**
 * The reminder delay of the operator in `operatorColumn`, as an SQL expression (the default when the
 * operator has no row), for reads that compare dates in the database (the home's reminder, the list's filter).
 */
export function reminderDaysSql(db: Db, operatorColumn: string): Knex.Raw {
  return db.raw(
    `coalesce((select os.intake_reminder_days from operator_settings os where os.operator_id = ${operatorColumn}), ?)`,
    [DEFAULT_INTAKE_REMINDER_DAYS],
  );
}
