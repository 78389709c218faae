import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { Locale } from '../platform/i18n';
import { paginate } from '../platform/pagination';
import type { ListingStatus } from './lifecycle';
import type { ListFilters } from './schemas';
import { scopeProviders } from './scope';

/** A provider of the base: its organisation and, once it has one, its profile (null fields otherwise). */
export type Provider = {
  id: string;
  name: string;
  email: string | null;
  department: string | null;
  active: boolean;
  has_profile: boolean;
  listing_status: ListingStatus | null;
  listing_status_on: string | null;
  renewal_due_on: string | null;
  renewal_reminder_sent_at: Date | null;
  themes: string[];
  sectors: string[];
  departments: string[];
  description: string | null;
  lock_version: number;
};

const columns = (db: Db | Trx) => [
  'o.id',
  'o.name',
  'o.email',
  'o.department',
  'o.active',
  db.raw('(pp.organisation_id is not null) as has_profile'),
  'pp.listing_status',
  'pp.listing_status_on',
  'pp.renewal_due_on',
  'pp.renewal_reminder_sent_at',
  db.raw("coalesce(pp.themes, '{}') as themes"),
  db.raw("coalesce(pp.sectors, '{}') as sectors"),
  db.raw("coalesce(pp.departments, '{}') as departments"),
  'pp.description',
  db.raw('coalesce(pp.lock_version, 0) as lock_version'),
];

const base = (db: Db, user: SessionUser) =>
  scopeProviders(user, db('organisations as o').leftJoin('provider_profiles as pp', 'pp.organisation_id', 'o.id'));

/** The provider of `id` through the user's scope (undefined outside it: a 404). */
export function findProvider(db: Db, user: SessionUser, id: string) {
  return base(db, user).where('o.id', id).first<Provider | undefined>(columns(db));
}

export type ProviderListRow = Provider & { consultants: string };

/**
 * The base, filtered by theme code, département served and listing status; the listed first, then the
 * pending, then the others (no profile yet, not listed), by name.
 */
export function listProviders(db: Db, user: SessionUser, f: ListFilters, page: number) {
  const q = base(db, user)
    .select(columns(db))
    .select(
      db.raw('(select count(*) from provider_consultants pc where pc.provider_id = o.id and pc.active) as consultants'),
    )
    .orderByRaw(
      "case pp.listing_status when 'listed' then 0 when 'pending' then 1 else 2 end, o.active desc, o.name, o.id",
    );
  if (f.theme) q.whereRaw('? = any(pp.themes)', [f.theme]);
  if (f.department) q.whereRaw('? = any(pp.departments)', [f.department]);
  if (f.status) q.where('pp.listing_status', f.status);
  return paginate<ProviderListRow>(q, page);
}

export type Consultant = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  themes: string[];
  active: boolean;
};

export const consultantsOf = (db: Db | Trx, providerId: string) =>
  db('provider_consultants')
    .where({ provider_id: providerId })
    .orderBy([{ column: 'active', order: 'desc' }, { column: 'name' }, { column: 'id' }])
    .select<Consultant[]>('id', 'name', 'email', 'phone', 'themes', 'active');

export const findConsultant = (db: Db | Trx, providerId: string, id: string) =>
  db('provider_consultants')
    .where({ provider_id: providerId, id })
    .first<Consultant | undefined>('id', 'name', 'email', 'phone', 'themes', 'active');

export type ListingLogRow = {
  event: string;
  from_status: ListingStatus | null;
  to_status: ListingStatus;
  happened_on: string;
  reason: string | null;
  actor_name: string | null;
  at: Date;
};

/** The listing's moves, latest first. */
export const listingHistory = (db: Db, providerId: string) =>
  db('provider_listing_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .where('t.provider_id', providerId)
    .orderBy([
      { column: 't.happened_on', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .select<ListingLogRow[]>(
      't.event',
      't.from_status',
      't.to_status',
      't.happened_on',
      't.reason',
      'u.name as actor_name',
      't.at',
    );

export type ListOption = { value: string; label: string };

/**
 * The national lists of themes and sectors as the forms offer them (active items, in their order) and
 * every item's label to show stored codes; a code not in the list is shown as stored (the list may be
 * empty until an admin fills it).
 */
export async function referenceLists(db: Db, locale: Locale) {
  const rows = await db('reference_items')
    .whereIn('list', ['theme', 'sector'])
    .orderBy([{ column: 'position' }, { column: 'label_fr' }, { column: 'code' }])
    .select<{ list: 'theme' | 'sector'; code: string; label_fr: string; label_en: string; active: boolean }[]>(
      'list',
      'code',
      'label_fr',
      'label_en',
      'active',
    );
  const out = {
    options: { theme: [] as ListOption[], sector: [] as ListOption[] },
    labels: { theme: {} as Record<string, string>, sector: {} as Record<string, string> },
  };
  for (const r of rows) {
    const label = locale === 'en' ? r.label_en : r.label_fr;
    out.labels[r.list][r.code] = label;
    if (r.active) out.options[r.list].push({ value: r.code, label });
  }
  return out;
}
export type ReferenceLists = Awaited<ReturnType<typeof referenceLists>>;

/** Codes of a list that a form may not save: not an active item, when the list has items (an empty list accepts any code). */
export async function unknownCodes(
  trx: Trx,
  list: 'theme' | 'sector',
  codes: readonly string[],
  kept: readonly string[],
) {
  const rows = await trx('reference_items')
    .where({ list })
    .select<{ code: string; active: boolean }[]>('code', 'active');
  if (!rows.length) return [];
  const ok = new Set(rows.filter((r) => r.active).map((r) => r.code));
  return codes.filter((c) => !ok.has(c) && !kept.includes(c));
}
