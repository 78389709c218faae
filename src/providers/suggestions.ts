/**
 * The providers Jalons proposes when a consultation is prepared: those of the base whose skills match
 * the case's themes (themes.ts: codes, or labels case-insensitively) and who serve the case's
 * département (the case's own, else its operator's), listed ones first, then those whose listing is
 * pending (never the ones not listed), each group by the number of themes matched, then by name.
 * Providers already invited to the call are left out. No theme on the case: nothing to propose.
 */
import type { Db, Trx } from '../platform/db';
import type { ListingStatus } from './lifecycle';
import { sharedThemes, themeCodesOf, themeItems } from './themes';

export type Suggestion = {
  id: string;
  name: string;
  listing_status: Extract<ListingStatus, 'listed' | 'pending'>;
  /** The themes the provider shares with the case (codes, with their labels when the list has them). */
  matched: { code: string; label_fr: string; label_en: string }[];
};

export type SuggestionCase = { id: string; operator_id: string; themes: string[] | null; department: string | null };

export async function suggestProviders(db: Db | Trx, acc: SuggestionCase): Promise<Suggestion[]> {
  const items = await themeItems(db);
  const codes = themeCodesOf(acc.themes ?? [], items);
  if (!codes.length) return [];
  const territory =
    acc.department ??
    (
      await db('organisations')
        .where({ id: acc.operator_id })
        .first<{ department: string | null } | undefined>('department')
    )?.department ??
    null;
  const q = db('organisations as o')
    .join('provider_profiles as pp', 'pp.organisation_id', 'o.id')
    .where({ 'o.kind': 'provider', 'o.active': true })
    .whereIn('pp.listing_status', ['listed', 'pending'])
    .whereRaw('exists (select 1 from unnest(pp.themes) t where lower(t) = any(?::text[]))', [codes])
    .whereNotExists(db('consultation_bids as b').whereRaw('b.provider_id = o.id').where('b.accompaniment_id', acc.id))
    .select<{ id: string; name: string; listing_status: Suggestion['listing_status']; themes: string[] }[]>(
      'o.id',
      'o.name',
      'pp.listing_status',
      'pp.themes',
    );
  if (territory) q.whereRaw('? = any(pp.departments)', [territory]);
  const rows = (await q).map((r) => ({
    id: r.id,
    name: r.name,
    listing_status: r.listing_status,
    matched: sharedThemes(r.themes, codes).map(
      (code) => items.find((i) => i.code === code) ?? { code, label_fr: code, label_en: code },
    ),
  }));
  const rank = (s: Suggestion) => (s.listing_status === 'listed' ? 0 : 1);
  return rows.sort(
    (a, b) => rank(a) - rank(b) || b.matched.length - a.matched.length || a.name.localeCompare(b.name, 'fr'),
  );
}
