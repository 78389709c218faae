/**
 * The landmarks of a rendered page, read from its HTML without a browser: each <main>, <nav>,
 * <aside>, named <section> or <form>, or element with a landmark role, with its accessible name
 * (aria-label, or the text of the elements its aria-labelledby points to). Enough to check, in a
 * jest test, what axe's « landmark-unique » rule checks: no two landmarks of a role share a name.
 */
const TAG_ROLES: Record<string, string> = {
  main: 'main',
  nav: 'navigation',
  aside: 'complementary',
  section: 'region',
  form: 'form',
};
const LANDMARK_ROLES = ['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search'];

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function textOfId(html: string, id: string): string {
  const open = new RegExp(`<(\\w+)[^>]*\\sid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html);
  if (!open) return '';
  const rest = html.slice(open.index + open[0].length);
  const close = rest.indexOf(`</${open[1]}>`);
  return visible(close === -1 ? rest : rest.slice(0, close));
}

export type Landmark = { role: string; name: string };

export function landmarks(html: string): Landmark[] {
  const found: Landmark[] = [];
  for (const m of html.matchAll(/<(\w+)(\s[^>]*)?>/g)) {
    const tag = m[0];
    const tagName = m[1].toLowerCase();
    const role = attr(tag, 'role') ?? TAG_ROLES[tagName];
    if (!role || !LANDMARK_ROLES.includes(role)) continue;
    const label = attr(tag, 'aria-label');
    const by = attr(tag, 'aria-labelledby');
    const name =
      label ??
      (by
        ? by
            .split(/\s+/)
            .map((id) => textOfId(html, id))
            .join(' ')
            .trim()
        : '');
    // A section or a form is a landmark only once it has a name.
    if ((role === 'region' || role === 'form') && !name) continue;
    found.push({ role, name });
  }
  return found;
}

/** The landmarks sharing their role and name with another one (empty when every landmark is told apart). */
export function repeatedLandmarks(html: string): Landmark[] {
  const seen = new Map<string, number>();
  const all = landmarks(html);
  for (const l of all) seen.set(`${l.role}|${l.name}`, (seen.get(`${l.role}|${l.name}`) ?? 0) + 1);
  return all.filter((l) => (seen.get(`${l.role}|${l.name}`) ?? 0) > 1);
}

/** Figures given a role that overrides their own (a figure is already a figure: axe « aria-allowed-role »). */
export const figuresWithRole = (html: string) => [...html.matchAll(/<figure\b[^>]*\srole="([^"]*)"/g)].map((m) => m[1]);
