import { listBeneficiaries } from '../accompaniments/beneficiaries';
import { consentsOf, latestVersions, listDeliverables } from '../deliverables/queries';
import { localToday } from '../platform/dates';
import type { Db } from '../platform/db';
import { keyDatesOf, membersOf, ScopedHandoff } from './queries';

/** Contacts of the structures (directors, presidents…), grouped by structure. */
function contactsOf(db: Db, organisationIds: string[]) {
  return db('structure_contacts')
    .whereIn('organisation_id', organisationIds)
    .orderBy([{ column: 'organisation_id' }, { column: 'name' }])
    .select<{ organisation_id: string; name: string; role: string; email: string | null; phone: string | null }[]>(
      'organisation_id',
      'name',
      'role',
      'email',
      'phone',
    );
}

/**
 * Actions still to be done: those agreed in sessions and those of accepted action plans (an
 * action plan's actions stay invisible until the plan is accepted).
 */
function openActionsOf(db: Db, accompanimentId: string) {
  return db('action_items as ai')
    .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
    .leftJoin('sessions as s', 's.id', 'ai.session_id')
    .leftJoin('deliverables as d', 'd.id', 'ai.deliverable_id')
    .where({ 'ai.accompaniment_id': accompanimentId, 'ai.visible': true })
    .whereIn('ai.status', ['open', 'in_progress'])
    .orderByRaw('ai.due_on asc nulls last, ai.id asc')
    .select<
      {
        id: string;
        what: string;
        owner: string | null;
        due_on: string | null;
        status: string;
        session_title: string | null;
        deliverable_title: string | null;
      }[]
    >(
      'ai.id',
      'ai.what',
      db.raw('coalesce(o.name, ai.owner_name) as owner'),
      'ai.due_on',
      'ai.status',
      's.title as session_title',
      'd.title as deliverable_title',
    );
}

/**
 * Documents a structure consented to share (the deliverables area's consent): the latest version
 * of each such deliverable, downloaded through /documents (the relay's read rule is there).
 */
async function sharedDocumentsOf(db: Db, accompanimentId: string) {
  const consented = (await listDeliverables(db, accompanimentId, localToday())).filter((d) => d.consents > 0);
  const ids = consented.map((d) => d.id);
  const [latest, consents] = await Promise.all([latestVersions(db, ids), consentsOf(db, ids)]);
  return consented.flatMap((d) => {
    const v = latest.get(d.id);
    if (!v) return [];
    return [
      {
        title: d.title,
        type: d.type,
        version: v.version,
        document_id: String(v.document_id),
        filename: v.filename,
        consentedBy: (consents.get(d.id) ?? []).map((c) => c.organisation_name),
      },
    ];
  });
}

/** The handoff package, assembled from the record when it is shown (never a stale copy). */
export async function assemblePackage(db: Db, h: ScopedHandoff) {
  const beneficiaries = await listBeneficiaries(db, h.accompaniment_id);
  const [contacts, actions, keyDates, members, documents] = await Promise.all([
    contactsOf(
      db,
      beneficiaries.map((b) => b.organisation_id),
    ),
    openActionsOf(db, h.accompaniment_id),
    keyDatesOf(db, h.id),
    membersOf(db, h.id),
    sharedDocumentsOf(db, h.accompaniment_id),
  ]);
  return {
    beneficiaries: beneficiaries.map((b) => ({
      ...b,
      contacts: contacts.filter((c) => String(c.organisation_id) === String(b.organisation_id)),
    })),
    actions,
    keyDates,
    members,
    documents,
  };
}
