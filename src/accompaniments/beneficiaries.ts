import type { Db, Trx } from '../platform/db';
import type { AccompanimentBeneficiariesRow, AccompanimentsRow, OrganisationsRow } from '../platform/db-tables';
import { refuseBefore } from '../platform/dates';
import { settleCaseConvention } from '../conventions/version-lifecycle';
import { ensureConsultancyAction, syncConsultancyActions } from '../pathways/commands';

export type Beneficiary = {
  organisation_id: string;
  name: string;
  siae_type: string | null;
  employees: number | null;
  employees_in_insertion: number | null;
  status: 'active' | 'withdrawn';
  joined_on: string | null;
  withdrawn_on: string | null;
  withdrawal_reasons: string | null;
  may_rejoin: string | null;
};

export function listBeneficiaries(db: Db | Trx, accompanimentId: string) {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('structures as s', 's.organisation_id', 'b.organisation_id')
    .where('b.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'b.status' }, { column: 'o.name' }])
    .select<Beneficiary[]>(
      'b.organisation_id',
      'o.name',
      's.siae_type',
      's.employees',
      's.employees_in_insertion',
      'b.status',
      'b.joined_on',
      'b.withdrawn_on',
      'b.withdrawal_reasons',
      'b.may_rejoin',
    );
}

export class NotAStructure extends Error {}

/**
 * A structure's joining, withdrawal or return happened on a day the user chose (the form refuses
 * the future): never before the case's intake (DateRefused on `field`).
 */
async function refuseBeforeIntake(trx: Trx, accompanimentId: string, field: string, onDate: string) {
  const acc = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<Pick<AccompanimentsRow, 'intake_on'> | undefined>('intake_on');
  refuseBefore(field, onDate, acc?.intake_on, 'lifecycle.dateBeforeIntake');
}

/** Adds a structure (an organisation of kind 'structure') to the case, or says it already is. */
export async function addBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  onDate: string,
  actorId: string,
) {
  const org = await trx('organisations')
    .where({ id: organisationId, kind: 'structure' })
    .first<Pick<OrganisationsRow, 'id'> | undefined>('id');
  if (!org) throw new NotAStructure();
  await refuseBeforeIntake(trx, accompanimentId, 'joined_on', onDate);
  const inserted = await trx('accompaniment_beneficiaries')
    .insert({ accompaniment_id: accompanimentId, organisation_id: organisationId, status: 'active', joined_on: onDate })
    .onConflict(['accompaniment_id', 'organisation_id'])
    .ignore()
    .returning<{ id: string }[]>('id');
  if (!inserted.length) return false;
  await trx('beneficiary_changes').insert({
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    change: 'joined',
    on_date: onDate,
    actor_id: actorId,
  });
  // The case is a consultancy action of the structure's parcours at its operator (issue 19).
  await ensureConsultancyAction(trx, { accompanimentId, organisationId, actorId });
  return true;
}

/**
 * A withdrawn structure stays attached to the case with its reasons; its history is kept. It
 * cannot leave before the intake nor before it joined (or last came back).
 */
export async function withdrawBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  w: { withdrawn_on: string; withdrawal_reasons: string; may_rejoin: string | null },
  actorId: string,
) {
  await refuseBeforeIntake(trx, accompanimentId, 'withdrawn_on', w.withdrawn_on);
  const joined = await trx('accompaniment_beneficiaries as b')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.organisation_id': organisationId })
    .first<{ on_date: string | null } | undefined>(
      trx.raw(
        `greatest(b.joined_on, (select max(c.on_date) from beneficiary_changes c
           where c.accompaniment_id = b.accompaniment_id and c.organisation_id = b.organisation_id and c.change in ('joined', 'rejoined'))) as on_date`,
      ),
    );
  refuseBefore('withdrawn_on', w.withdrawn_on, joined?.on_date, 'beneficiaries.dateBeforeJoined');
  const n = await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId, status: 'active' })
    .update({ status: 'withdrawn', ...w });
  if (n !== 1) return false;
  await trx('beneficiary_changes').insert({
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    change: 'withdrawn',
    on_date: w.withdrawn_on,
    reasons: w.withdrawal_reasons,
    may_rejoin: w.may_rejoin,
    actor_id: actorId,
  });
  // A structure that leaves without signing is not awaited any more: the version may be signed now.
  await settleCaseConvention(trx, accompanimentId, { actorId, onDate: w.withdrawn_on, cause: 'withdrawal' });
  // Its consultancy action in its parcours is cancelled on that day (pathways/consultancy-status.ts).
  await syncConsultancyActions(trx, accompanimentId, { actorId, organisationId, onDate: w.withdrawn_on });
  return true;
}

/** A structure comes back on a day not before the intake nor before it left. */
export async function rejoinBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  onDate: string,
  actorId: string,
) {
  await refuseBeforeIntake(trx, accompanimentId, 'on_date', onDate);
  const left = await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId })
    .first<Pick<AccompanimentBeneficiariesRow, 'withdrawn_on'> | undefined>('withdrawn_on');
  refuseBefore('on_date', onDate, left?.withdrawn_on, 'beneficiaries.dateBeforeWithdrawal');
  const n = await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId, status: 'withdrawn' })
    .update({ status: 'active', withdrawn_on: null, withdrawal_reasons: null, may_rejoin: null });
  if (n !== 1) return false;
  await trx('beneficiary_changes').insert({
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    change: 'rejoined',
    on_date: onDate,
    actor_id: actorId,
  });
  // Back in the case, a party of the version in force that has not signed is awaited again.
  await settleCaseConvention(trx, accompanimentId, { actorId, onDate, cause: 'rejoin' });
  // Its consultancy action follows the case again.
  await syncConsultancyActions(trx, accompanimentId, { actorId, organisationId, onDate });
  return true;
}

/**
 * Structures offered to add to a case. With the case's département, only that département's
 * structures and those with none recorded: a national instance has 20,000 structures, and a
 * select of all of them made the accompaniment page 1.4 MB (BENCHMARKS.md). A structure
 * elsewhere is found through its own page (or created) like any other.
 */
export function structureChoices(db: Db, department?: string | null) {
  const q = db('organisations')
    .where({ kind: 'structure', active: true })
    .orderBy('name')
    .select<Pick<OrganisationsRow, 'id' | 'name' | 'department'>[]>('id', 'name', 'department');
  if (department) q.where((w) => w.where('department', department).orWhereNull('department'));
  return q;
}
