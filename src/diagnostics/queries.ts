import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { closedReason, isOpen } from './policy';
import type { DiagnosticInput, Objective } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { AccompanimentsRow } from '../platform/db-tables';
import type { Locale } from '../platform/i18n';
import { listOptions } from '../reference-lists/lists';

export type Diagnostic = {
  findings: string | null;
  context: string | null;
  recommendations: string | null;
  days: string | null;
  written_on: string | null;
  updated_at: Date;
  lock_version: number;
};

/*
 * The diagnostic and its objectives as query builders: the diagnostic page reads them one by one
 * (loadDiagnostic), the case page's section sends them with its other reads in one statement
 * (section-query.ts). The days are selected as text, as the pg driver gives a numeric.
 */
export const diagnosticQuery = (db: Db | Trx, accompanimentId: string) =>
  db('diagnostics')
    .where({ accompaniment_id: accompanimentId })
    .select<Diagnostic[]>(
      'findings',
      'context',
      'recommendations',
      db.raw('days::text as days'),
      'written_on',
      'updated_at',
      'lock_version',
    );

export const objectivesQuery = (db: Db | Trx, accompanimentId: string) =>
  db('diagnostic_objectives')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select<Objective[]>('theme', 'aim');

export async function loadDiagnostic(db: Db | Trx, accompanimentId: string) {
  const [diagnostic] = await diagnosticQuery(db, accompanimentId);
  const objectives = await objectivesQuery(db, accompanimentId);
  return { diagnostic: diagnostic ?? null, objectives };
}

/** Something to validate: a diagnostic with at least a text or an objective. */
export function hasContent(d: { diagnostic: Diagnostic | null; objectives: Objective[] }) {
  const x = d.diagnostic;
  return d.objectives.length > 0 || Boolean(x && (x.findings || x.context || x.recommendations));
}

export type BoardRow = {
  organisation_id: string;
  name: string;
  status: 'active' | 'withdrawn';
  validated_on: string | null;
  validated_by_name: string | null;
  recorded_by_name: string | null;
  /** When the validation was typed (« saisi le … » when another day than validated_on). */
  recorded_at: Date | null;
  /** A withdrawn structure keeps its validation on the board, marked « sortie le … ». */
  withdrawn_on: string | null;
};

/** Every beneficiary with its validation, if any: the active ones first. */
export function validationBoard(db: Db | Trx, accompanimentId: string) {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('diagnostic_validations as v', function () {
      this.on('v.accompaniment_id', '=', 'b.accompaniment_id').andOn('v.organisation_id', '=', 'b.organisation_id');
    })
    .leftJoin('users as r', 'r.id', 'v.recorded_by')
    .where('b.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'b.status' }, { column: 'o.name' }])
    .select<BoardRow[]>(
      'b.organisation_id',
      'o.name',
      'b.status',
      'v.validated_on',
      'v.validated_by_name',
      'r.name as recorded_by_name',
      'v.at as recorded_at',
      'b.withdrawn_on',
    );
}

/** The structures this user may record a validation for now: active, not yet validated. */
export function pendingFor(board: BoardRow[], user: SessionUser, isStaff: boolean) {
  return board
    .filter((b) => b.status === 'active' && !b.validated_on)
    .filter((b) => isStaff || String(b.organisation_id) === String(user.organisation_id))
    .map((b) => ({ value: String(b.organisation_id), label: b.name }));
}

const norm = (v: string | null | undefined) => (v ?? '').replace(/\r\n/g, '\n').trim();

/** The content the structures sign: the three texts and the objectives (not days nor date). */
export function contentChanged(
  before: { diagnostic: Diagnostic | null; objectives: Objective[] },
  after: DiagnosticInput,
  objectives: Objective[],
) {
  const b = before.diagnostic;
  if (norm(b?.findings) !== norm(after.findings)) return true;
  if (norm(b?.context) !== norm(after.context)) return true;
  if (norm(b?.recommendations) !== norm(after.recommendations)) return true;
  if (before.objectives.length !== objectives.length) return true;
  return before.objectives.some(
    (o, i) => norm(o.theme) !== norm(objectives[i].theme) || norm(o.aim) !== norm(objectives[i].aim),
  );
}

/**
 * Optimistic locking: the save applies only to the version the form showed (false, nothing
 * written, when someone saved in between). Version 0 is also "nothing written yet": the first
 * save inserts, and loses against a colleague's first save.
 */
export async function saveDiagnostic(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  input: DiagnosticInput,
  objectives: Objective[],
) {
  const key = { accompaniment_id: accompanimentId };
  if (
    !(await saveAtVersion(
      trx,
      'diagnostics',
      key,
      lockVersion,
      { ...input, updated_at: trx.fn.now() },
      { insertIfNew: true },
    ))
  )
    return false;
  await trx('diagnostic_objectives').where({ accompaniment_id: accompanimentId }).del();
  if (objectives.length) {
    await trx('diagnostic_objectives').insert(
      objectives.map((o, i) => ({ accompaniment_id: accompanimentId, theme: o.theme, aim: o.aim, position: i + 1 })),
    );
  }
  return true;
}

export const diagnosticLockVersion = (db: Db, accompanimentId: string) =>
  currentVersion(db, 'diagnostics', { accompaniment_id: accompanimentId });

export class DiagnosticClosed extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/**
 * Locks the case row for the rest of the transaction and checks the diagnostic is still open:
 * a colleague moving the case to the consultation at the same moment waits, then sees our write
 * (or we see their move and refuse).
 */
export async function lockOpenDiagnostic(trx: Trx, accompanimentId: string) {
  const row = await trx<AccompanimentsRow>('accompaniments').where({ id: accompanimentId }).forUpdate().first('state');
  if (!row || !isOpen(row)) throw new DiagnosticClosed(closedReason(row ?? { state: 'closed' }));
}

/**
 * What the objectives' theme field offers: the case's themes as the reader reads them (a code of the
 * national list by its label, a theme typed on the case as typed), then the list's other active themes.
 * One query (reference-lists/lists.ts listOptions, which keeps the case's deactivated or free themes).
 */
export async function objectiveThemes(db: Db | Trx, caseThemes: readonly string[] | null, locale: Locale) {
  const options = (await listOptions(db, ['theme'], locale, { theme: caseThemes ?? [] })).theme;
  const labels = new Map(options.map((o) => [o.value, o.label]));
  const ofCase = [...new Set((caseThemes ?? []).map((th) => labels.get(th) ?? th))];
  return { ofCase, offered: [...new Set([...ofCase, ...options.filter((o) => !o.inactive).map((o) => o.label)])] };
}
