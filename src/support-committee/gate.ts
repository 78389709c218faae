/**
 * The comité d'appui's gate on a consultancy: its consultation (the case's move diagnostic →
 * consultation, accompaniments/lifecycle.ts) opens only once the committee gave a favourable
 * opinion. The rule, decided for issue 19:
 *
 * - the case's kind (individual, collective) is in its operator's operator_settings.committee_exempt_kinds
 *   (no settings row: nothing is exempt) → open; or
 * - a manager or an admin recorded an override for the case (support_committee_overrides, with its
 *   reason, audited) → open; or
 * - the latest opinion on an agenda item about the case itself (item.accompaniment_id = the case, any
 *   subject: its terms of reference, the plan that leads to it…) is favourable → open; or
 * - for every active structure of the case, the latest opinion on a diagnostic or plan item of its
 *   parcours at the case's operator (an item about no consultancy, or about this one) is favourable → open.
 *
 * Favourable is « favorable » or « favorable avec réserves »; « à retravailler » and « défavorable »
 * close the gate again when they are the latest. Only opinions of held meetings of the case's operator
 * count, dated on or before the day chosen for the move (the consultation cannot open before the
 * committee spoke).
 */
import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import type { AccompanimentsRow, OperatorSettingsRow } from '../platform/db-tables';
import type { MessageKey } from '../platform/i18n';
import { read, readTogether, type RowsOf } from '../platform/read-together';

export const OPINIONS = ['favorable', 'favorable_with_reservations', 'rework', 'unfavorable'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const isFavourable = (o: string | null | undefined) => o === 'favorable' || o === 'favorable_with_reservations';

type Case = { id: string; operator_id: string; kind: string };

export type GateOpinion = {
  item_id: string;
  meeting_id: string;
  pathway_id: string;
  organisation_id: string;
  accompaniment_id: string | null;
  subject: string;
  opinion: Opinion;
  opinion_on: string;
  opinion_comment: string | null;
};

/** Whether the operator's settings exempt this kind of consultancy from the committee. */
export async function isExempt(db: Db | Trx, acc: Case) {
  const row = await db('operator_settings')
    .where({ operator_id: acc.operator_id })
    .first<Pick<OperatorSettingsRow, 'committee_exempt_kinds'> | undefined>('committee_exempt_kinds');
  return (row?.committee_exempt_kinds ?? []).includes(acc.kind);
}

type Override = { id: string; reason: string; decided_on: string; decided_at: Date; decided_by_name: string };

/** The latest override of the case, with who decided it (a query of at most one row). */
export const latestOverride = (db: Db | Trx, accompanimentId: string) =>
  db('support_committee_overrides as o')
    .join('users as u', 'u.id', 'o.decided_by')
    .where('o.accompaniment_id', accompanimentId)
    .orderBy('o.id', 'desc')
    .limit(1)
    .select<Override[]>('o.id', 'o.reason', 'o.decided_on', 'o.decided_at', 'u.name as decided_by_name');

/** The case's active structures (their parcours' opinions count for the gate). */
const activeStructures = (db: Db | Trx, accompanimentId: string) =>
  db('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, status: 'active' })
    .select<{ organisation_id: string }[]>('organisation_id');

/**
 * Every opinion that may bear on the case: items about it, and diagnostic/plan items of its active
 * structures' parcours at its operator (about no consultancy or this one), of held meetings, oldest
 * first. The items are found by their indexes (the case's, then each parcours'), never by reading
 * every item of the operator's meetings.
 */
function opinionsQuery(db: Db | Trx, acc: Case, onDate: string | null): Knex.QueryBuilder {
  const aboutCase = db('support_committee_items as ci').where('ci.accompaniment_id', acc.id).select('ci.id');
  const ofItsParcours = db('pathways as cp')
    .join('support_committee_items as ci', 'ci.pathway_id', 'cp.id')
    .where('cp.operator_id', acc.operator_id)
    .whereIn('cp.organisation_id', activeStructures(db, acc.id))
    .whereIn('ci.subject', ['diagnostic', 'plan'])
    .where((y) => y.whereNull('ci.accompaniment_id').orWhere('ci.accompaniment_id', acc.id))
    .select('ci.id');
  const q = db('support_committee_items as i')
    .join('support_committee_meetings as m', 'm.id', 'i.meeting_id')
    .join('pathways as p', 'p.id', 'i.pathway_id')
    .whereIn('i.id', aboutCase.union(ofItsParcours))
    .where({ 'm.operator_id': acc.operator_id, 'm.status': 'held' })
    .whereNotNull('i.opinion')
    .orderBy([{ column: 'i.opinion_on' }, { column: 'i.id' }])
    .select(
      'i.id as item_id',
      'i.meeting_id',
      'i.pathway_id',
      'p.organisation_id',
      'i.accompaniment_id',
      'i.subject',
      'i.opinion',
      'i.opinion_on',
      'i.opinion_comment',
    );
  if (onDate) void q.where('i.opinion_on', '<=', onDate);
  return q;
}

/**
 * What the committee said about the case, as the gate reads it: the latest opinion about the case
 * itself, and per active structure the latest diagnostic/plan opinion of its parcours; `open` when
 * one of the two ways is favourable (exemptions and overrides aside).
 */
function opinionsSummary(acc: Case, structureRows: { organisation_id: string }[], rows: GateOpinion[]) {
  const structures = structureRows.map((r) => r.organisation_id);
  const aboutCase = rows.filter((r) => r.accompaniment_id === acc.id).at(-1) ?? null;
  const perStructure = structures.map(
    (s) =>
      rows.filter((r) => r.organisation_id === s && (r.subject === 'diagnostic' || r.subject === 'plan')).at(-1) ??
      null,
  );
  const open =
    isFavourable(aboutCase?.opinion) ||
    (structures.length > 0 && perStructure.every((o) => o !== null && isFavourable(o.opinion)));
  const latest = rows.at(-1) ?? null;
  return { open, aboutCase, perStructure, latest };
}

/** The committee's word on the case on `onDate` (null: whatever its date), as the gate reads it. */
export async function committeeOpinionsOf(db: Db | Trx, acc: Case, onDate: string | null) {
  const structures = await activeStructures(db, acc.id);
  const rows = (await opinionsQuery(db, acc, onDate)) as GateOpinion[];
  return opinionsSummary(acc, structures, rows);
}

/**
 * The guard of the move diagnostic → consultation (accompaniments/lifecycle.ts): null when the
 * consultation may open on `onDate`, else why not, in words that say what to do.
 */
export async function committeeOpinionGiven(
  trx: Trx,
  accompanimentId: string,
  onDate: string,
): Promise<MessageKey | null> {
  const acc = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<Pick<AccompanimentsRow, 'id' | 'operator_id' | 'kind'>>('id', 'operator_id', 'kind');
  const c = { id: acc.id, operator_id: acc.operator_id, kind: acc.kind };
  if (await isExempt(trx, c)) return null;
  if ((await latestOverride(trx, c.id)).length) return null;
  if ((await committeeOpinionsOf(trx, c, onDate)).open) return null;
  // Favourable, but dated after the day chosen: said apart, the fix is the day, not the committee.
  if ((await committeeOpinionsOf(trx, c, null)).open) return 'supportCommittee.gate.opinionAfterDate';
  return 'supportCommittee.gate.refused';
}

/**
 * What the case page says near its lifecycle bar: exempt, overridden, or the committee's latest word.
 * One statement (readTogether): the operator's settings, the latest override, the active structures and the opinions.
 */
export async function committeeStatusOfCase(db: Db, acc: Case) {
  return committeeStatusFrom(acc, await readTogether(db, committeeStatusReads(db, acc)));
}

/** committeeStatusOfCase's reads, which the case's overview sends with its own (accompaniments/pages.ts). */
export const committeeStatusReads = (db: Db, acc: Case) => ({
  settings: read<{ committee_exempt_kinds: string[] }>(
    db('operator_settings').where({ operator_id: acc.operator_id }).select('committee_exempt_kinds'),
  ),
  override: read<Override>(latestOverride(db, acc.id), { dates: ['decided_at'], bigints: ['id'] }),
  structures: read<{ organisation_id: string }>(activeStructures(db, acc.id), { bigints: ['organisation_id'] }),
  opinions: read<GateOpinion>(opinionsQuery(db, acc, null), {
    bigints: ['item_id', 'meeting_id', 'pathway_id', 'organisation_id', 'accompaniment_id'],
  }),
});

/** The committee's status from the rows of committeeStatusReads. */
export function committeeStatusFrom(acc: Case, r: RowsOf<ReturnType<typeof committeeStatusReads>>) {
  const exempt = (r.settings[0]?.committee_exempt_kinds ?? []).includes(acc.kind);
  return { exempt, override: r.override[0] ?? null, ...opinionsSummary(acc, r.structures, r.opinions) };
}
