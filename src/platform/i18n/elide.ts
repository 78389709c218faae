/**
 * French elision and contraction before a name, the way a French reader expects it:
 * « Présidente d’Intermed », « de Chacasol », « du Relais » (Le Relais), « des Amis » (Les Amis),
 * « qu’Energie Emploi », « au Relais ». Messages write `{de:name}`, `{que:name}` or `{a:name}` (à)
 * where the preposition comes before the name (platform/i18n translate); the English catalogue
 * writes "of {name}" and needs none of this.
 */

// Before these words the h is "aspiré": no elision (« de Hauts-de-France »).
const ASPIRATED_H =
  /^h(?:a(?:ll|che|ie|ine|meau|nd|ngar|sard|ut|vre)|é(?:ros|risson)|o(?:ckey|nte|rs|ublon)|u(?:it|tte))/i;
const VOWEL = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** Whether a name starts with a vowel sound: a vowel, or a mute h (« Habitat et Humanisme »). */
export function startsWithVowelSound(name: string) {
  const word = name.trimStart();
  return VOWEL.test(word) || (/^h/i.test(word) && !ASPIRATED_H.test(word));
}

/** « Le Relais » → ['le', 'Relais']; the article of a name that is contracted (du, au, des, aux). */
const article = (name: string) => /^(Le|Les) (\S.*)$/.exec(name.trimStart());

/** « d’Intermed », « de Chacasol », « du Relais », « des Amis du Sud », « de L’Atelier ». */
export function de(name: string) {
  const a = article(name);
  if (a) return `${a[1] === 'Le' ? 'du' : 'des'} ${a[2]}`;
  return startsWithVowelSound(name) ? `d’${name.trimStart()}` : `de ${name}`;
}

/** « qu’Intermed », « que Chacasol ». */
export function que(name: string) {
  return startsWithVowelSound(name) ? `qu’${name.trimStart()}` : `que ${name}`;
}

/** « à Intermed », « au Relais », « aux Amis du Sud ». */
export function a(name: string) {
  const m = article(name);
  if (m) return `${m[1] === 'Le' ? 'au' : 'aux'} ${m[2]}`;
  return `à ${name}`;
}

export const ELIDERS = { de, que, a } as const;
export type Elision = keyof typeof ELIDERS;
