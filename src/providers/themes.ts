/**
 * Matching a case's themes with providers' skills. A provider's skills are codes of the national list
 * of themes (reference_items, list 'theme'); a case's themes are still free text (typed before the
 * lists existed, « Gouvernance », « stratégie »…). THE rule, used by the suggestions of a consultation
 * (suggestions.ts) and pinned by test/providers/themes.test.ts:
 *
 * a case theme stands for a theme code when, trimmed and compared case-insensitively, it equals that
 * code, or the item's French label, or its English label. A case theme that names no item of the list
 * stands for itself, lower-cased (so a provider whose stored codes are not in the list yet — the list
 * empty — still matches the same word). A provider matches a case when its codes and the case's codes
 * share at least one.
 */
import type { Db, Trx } from '../platform/db';

export type ThemeItem = { code: string; label_fr: string; label_en: string };

const norm = (s: string) => s.trim().toLocaleLowerCase('fr');

/** The theme codes a case's free-text themes stand for (see above), without duplicates, in order. */
export function themeCodesOf(caseThemes: readonly string[], items: readonly ThemeItem[]): string[] {
  const byKey = new Map<string, string>();
  for (const item of items) {
    for (const key of [item.code, item.label_fr, item.label_en])
      if (!byKey.has(norm(key))) byKey.set(norm(key), item.code);
  }
  const codes = caseThemes
    .map(norm)
    .filter(Boolean)
    .map((t) => byKey.get(t) ?? t);
  return [...new Set(codes)];
}

/** The codes a provider's skills share with a case's codes (empty: no match), compared case-insensitively. */
export const sharedThemes = (providerCodes: readonly string[], caseCodes: readonly string[]) => {
  const wanted = new Set(caseCodes.map(norm));
  return [...new Set(providerCodes.map(norm))].filter((c) => wanted.has(c));
};

/** The list of themes as it stands (every item, deactivated ones too: a case may name an old one). */
export const themeItems = (db: Db | Trx) =>
  db('reference_items').where({ list: 'theme' }).select<ThemeItem[]>('code', 'label_fr', 'label_en');
