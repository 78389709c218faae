/**
 * Just enough HTML reading for the hostile suite: the forms of a page and its links. The views
 * are EJS with predictable markup, so regular expressions are enough (no parser dependency).
 */

export type Field = { name: string; kind: string; value: string; options: string[] };
export type Form = { action: string; method: string; multipart: boolean; fields: Field[] };

export const decode = (s: string) =>
  s
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string | null => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'));
  return m ? decode(m[1]) : null;
};
const hasAttr = (tag: string, name: string) => new RegExp(`\\s${name}(\\s|=|>|$)`, 'i').test(tag);

/** The POST forms of a page, with each named control and the value the page gives it. */
export function formsOf(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1];
    const method = (attr(open, 'method') ?? 'get').toUpperCase();
    if (method !== 'POST') continue;
    const action = attr(open, 'action') ?? pageUrl;
    const body = m[2];
    const fields: Field[] = [];
    for (const c of body.matchAll(
      /<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<input\b([^>]*)>/gi,
    )) {
      const tag = c[1] ?? c[3] ?? c[5];
      const name = attr(tag, 'name');
      if (!name || name === '_csrf') continue;
      if (c[5] !== undefined) {
        const type = (attr(tag, 'type') ?? 'text').toLowerCase();
        if (type === 'submit' || type === 'button' || type === 'reset') continue;
        if (type === 'radio' || type === 'checkbox') {
          const value = attr(tag, 'value') ?? 'on';
          const existing = fields.find((f) => f.name === name && f.kind === type);
          if (existing) {
            existing.options.push(value);
            if (hasAttr(tag, 'checked')) existing.value = value;
          } else
            fields.push({
              name,
              kind: type,
              value: hasAttr(tag, 'checked') || type === 'radio' ? value : '',
              options: [value],
            });
          continue;
        }
        fields.push({ name, kind: type, value: attr(tag, 'value') ?? '', options: [] });
      } else if (c[1] !== undefined) {
        const options = [...c[2].matchAll(/<option\b([^>]*)>/gi)].map((o) => o[1]);
        const selected = options.find((o) => hasAttr(o, 'selected'));
        const values = options.map((o) => attr(o, 'value') ?? '');
        const value = selected ? (attr(selected, 'value') ?? '') : (values.find((v) => v !== '') ?? '');
        fields.push({ name, kind: 'select', value, options: values });
      } else {
        fields.push({ name, kind: 'textarea', value: decode(c[4].replace(/^\n/, '')), options: [] });
      }
    }
    forms.push({ action, method, multipart: /multipart\/form-data/i.test(attr(open, 'enctype') ?? ''), fields });
  }
  return forms;
}

/** Same-site links of a page worth visiting (no files, no logout). */
export function linksOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\shref="(\/[^"#]*)"/g)) {
    const url = decode(m[1]);
    if (url.startsWith('/assets/') || url.startsWith('//')) continue;
    if (/\.(pdf|csv|xlsx|ics)(\?|$)|\/download\b|\/file\b|^\/logout/.test(url)) continue;
    out.add(url);
  }
  return [...out];
}
