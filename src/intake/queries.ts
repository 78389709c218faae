import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { IntakeStatus } from './lifecycle';
import type { Channel, IntakeInput } from './schemas';
import { scopeIntakeRequests } from './scope';

export type IntakeRequest = {
  id: string;
  operator_id: string;
  organisation_id: string;
  structure_name: string;
  contact_name: string | null;
  contact_role: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  received_on: string;
  channel: Channel;
  referred_by: string | null;
  need: string;
  eligibility_met: string[];
  eligibility_notes: string | null;
  owner_id: string | null;
  owner_name: string | null;
  status: IntakeStatus;
  outcome_on: string | null;
  outcome_partner: string | null;
  outcome_reason: string | null;
  creator_name: string | null;
  created_at: Date;
};

/** A request through the user's scope (undefined outside it: a 404). */
export function findIntakeRequest(db: Db, user: SessionUser, id: string) {
  const q = db('intake_requests as ir')
    .join('organisations as o', 'o.id', 'ir.organisation_id')
    .leftJoin('users as ow', 'ow.id', 'ir.owner_id')
    .leftJoin('users as cr', 'cr.id', 'ir.created_by')
    .where('ir.id', id)
    .first<IntakeRequest | undefined>(
      'ir.id',
      'ir.operator_id',
      'ir.organisation_id',
      'o.name as structure_name',
      'ir.contact_name',
      'ir.contact_role',
      'ir.contact_email',
      'ir.contact_phone',
      'ir.received_on',
      'ir.channel',
      'ir.referred_by',
      'ir.need',
      'ir.eligibility_met',
      'ir.eligibility_notes',
      'ir.owner_id',
      'ow.name as owner_name',
      'ir.status',
      'ir.outcome_on',
      'ir.outcome_partner',
      'ir.outcome_reason',
      'cr.name as creator_name',
      'ir.created_at',
    );
  return scopeIntakeRequests(user, q);
}

export type HistoryRow = {
  id: string;
  event: string;
  from_status: IntakeStatus | null;
  to_status: IntakeStatus;
  happened_on: string;
  partner: string | null;
  reason: string | null;
  actor_name: string | null;
  at: Date;
};

/** What happened to a request, oldest first: received, each outcome, each reopening. */
export function intakeHistory(db: Db, requestId: string) {
  return db('intake_request_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .where('t.intake_request_id', requestId)
    .orderBy([{ column: 't.happened_on' }, { column: 't.id' }])
    .select<HistoryRow[]>(
      't.id',
      't.event',
      't.from_status',
      't.to_status',
      't.happened_on',
      't.partner',
      't.reason',
      'u.name as actor_name',
      't.at',
    );
}

export type Owner = { id: string; name: string; role: string };

/** Who may own a request: the operator's active coordinators and direction. */
export function ownerChoices(db: Db | Trx, operatorId: string) {
  return db('users')
    .where({ organisation_id: operatorId, status: 'active' })
    .whereIn('role', ['coordinator', 'manager'])
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .select<Owner[]>('id', 'name', 'role');
}

/** The partners already named by the operator (referrals, orientations), offered as suggestions. */
export async function partnerSuggestions(db: Db, operatorId: string): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    `select name from (
       select referred_by as name from intake_requests where operator_id = ? and referred_by is not null
       union
       select outcome_partner from intake_requests where operator_id = ? and outcome_partner is not null
     ) p order by name limit 200`,
    [operatorId, operatorId],
  );
  return rows.map((r) => r.name);
}

/**
 * The parcours of the request's structure at its operator, if there is one, and whether it came of
 * this request (then the request is not reopened: lifecycle.ts).
 */
export async function pathwayOfRequest(db: Db, r: Pick<IntakeRequest, 'id' | 'operator_id' | 'organisation_id'>) {
  const row = await db('pathways')
    .where({ operator_id: r.operator_id, organisation_id: r.organisation_id })
    .first<{ id: string; status: string; intake_request_id: string | null } | undefined>(
      'id',
      'status',
      'intake_request_id',
    );
  if (!row) return null;
  return { id: row.id, status: row.status, fromThisRequest: row.intake_request_id === r.id };
}

/** A new request's row (the structure already chosen or created). Its id. */
export async function insertIntakeRequest(
  trx: Trx,
  row: { operatorId: string; organisationId: string; actorId: string | null },
  input: IntakeInput,
) {
  const [created] = await trx('intake_requests')
    .insert({
      operator_id: row.operatorId,
      organisation_id: row.organisationId,
      contact_name: input.contact_name,
      contact_role: input.contact_role,
      contact_email: input.contact_email,
      contact_phone: input.contact_phone,
      received_on: input.received_on,
      channel: input.channel,
      referred_by: input.referred_by,
      need: input.need,
      eligibility_met: input.eligibility_met,
      eligibility_notes: input.eligibility_notes,
      owner_id: input.owner_id,
      created_by: row.actorId,
    })
    .returning<{ id: string }[]>('id');
  return created.id;
}

const likeEscape = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export type StructureChoice = { id: string; name: string; department: string | null; city: string | null };

/**
 * The structures the form offers: those of the operator's département (or of none) by default, or
 * those of the whole directory whose name holds `search`; the one already picked stays offered.
 */
export function intakeStructureChoices(
  db: Db,
  opts: { department: string | null; search: string; picked: string | null },
) {
  const q = db('organisations as o')
    .leftJoin('structures as s', 's.organisation_id', 'o.id')
    .where({ 'o.kind': 'structure', 'o.active': true })
    .orderBy([{ column: 'o.name' }, { column: 'o.id' }])
    .limit(500)
    .select<StructureChoice[]>('o.id', 'o.name', 'o.department', 's.city');
  q.where((w) => {
    if (opts.search) w.whereILike('o.name', `%${likeEscape(opts.search)}%`);
    else if (opts.department) w.where('o.department', opts.department).orWhereNull('o.department');
    else w.whereRaw('true');
    if (opts.picked) w.orWhere('o.id', opts.picked);
  });
  return q;
}

/** The département of an operator (where most of its structures are). */
export async function operatorDepartment(db: Db, operatorId: string): Promise<string | null> {
  const row = await db('organisations').where({ id: operatorId }).first<{ department: string | null }>('department');
  return row?.department ?? null;
}
