/** What a user typed, in French typography: for the case sheet's PDF and its Word twin alike. */

/** French typography for what was typed: the apostrophe is ’ (« création d’un »), never '. */
export const typo = (s: string) => s.replace(/(\p{L})'(?=\p{L})/gu, '$1’');

/** « [1] » typed in a text is printed as a footnote mark: ¹ ² ³ (the fonts have no other superscript). */
export const SUP = ['', '¹', '²', '³'];
export const footnoteMarks = (s: string) =>
  s.replace(/ ?\[(\d{1,2})\]/g, (_, n: string) => SUP[Number(n)] ?? ` (${n})`);
