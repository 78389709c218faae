import type { Db } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { mayHaveLeft, seenSql, THINGS } from '../accompaniments/withdrawn';
import type { ConventionRow } from './queries';

/** withdrawn_on: a structure that left the case since (« sortie le … »), not awaited any more. */
export type PartyStanding = { name: string; signed: boolean; withdrawn_on: string | null };
export type Override = { id: string; reason: string; decided_at: Date; convention_id: string | null; decided_by_name: string | null };

/*
 * What the conventions section shows, in ONE statement instead of four (current version, its
 * parties, their signatures, the latest override): on the case page each round trip costs more
 * Node time than these small reads. A party is signed as in boardOf: it has at least as many
 * signatures not voided as it needs. Ids are cast to text as the pg driver returns bigints;
 * timestamps become Dates below.
 */
// A structure that left the case does not see a version issued since that it is no party to
// (accompaniments/withdrawn.ts); k.reader is its organisation, null for every other reader.
const seenVersion = seenSql(THINGS.convention('c'), 'k.reader');

const SQL = `
select
  (select row_to_json(x) from (
     select c.id::text as id, c.accompaniment_id::text as accompaniment_id, c.version, c.document_id::text as document_id, c.sha256,
            c.generated_at, c.issued_on, c.generated_by::text as generated_by, u.name as generated_by_name, c.voided_at, d.filename
       from conventions c
       left join users u on u.id = c.generated_by
       join documents d on d.id = c.document_id
      where c.accompaniment_id = k.acc and c.voided_at is null and ${seenVersion}
      limit 1) x) as current,
  coalesce((select json_agg(json_build_object(
                     'name', p.name,
                     'signed', (select count(*) from convention_signatures s
                                 where s.convention_id = p.convention_id and s.party_id = p.id and s.voided_at is null) >= p.signatories_required,
                     'withdrawn_on', (select b.withdrawn_on from accompaniment_beneficiaries b
                                       where p.party_kind = 'structure' and b.accompaniment_id = c.accompaniment_id
                                         and b.organisation_id = p.organisation_id and b.status = 'withdrawn'))
                   order by p.position, p.id)
              from conventions c join convention_parties p on p.convention_id = c.id
             where c.accompaniment_id = k.acc and c.voided_at is null and ${seenVersion}), '[]') as parties,
  (select row_to_json(x) from (
     select o.id::text as id, o.reason, o.decided_at, o.convention_id::text as convention_id, u.name as decided_by_name
       from convention_overrides o left join users u on u.id = o.decided_by
      where o.accompaniment_id = k.acc
      order by o.id desc
      limit 1) x) as override
from (select ?::bigint as acc, ?::bigint as reader) k`;

type Raw = {
  current: (Omit<ConventionRow, 'generated_at' | 'voided_at'> & { generated_at: string; voided_at: string | null }) | null;
  parties: PartyStanding[];
  override: (Omit<Override, 'decided_at'> & { decided_at: string }) | null;
};

export async function conventionSectionData(db: Db, accompanimentId: string, reader?: SessionUser) {
  const res = await db.raw(SQL, [accompanimentId, reader && mayHaveLeft(reader) ? String(reader.organisation_id) : null]);
  const r = res.rows[0] as Raw;
  const current: ConventionRow | null = r.current
    ? { ...r.current, generated_at: new Date(r.current.generated_at), voided_at: r.current.voided_at === null ? null : new Date(r.current.voided_at) }
    : null;
  const override: Override | null = r.override ? { ...r.override, decided_at: new Date(r.override.decided_at) } : null;
  return { current, parties: r.parties, override };
}
