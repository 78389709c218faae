/**
 * Just enough HTML form reading for the load script: a virtual user fills the form the page
 * really offers (hidden fields, CSRF token, lock_version, ticked boxes, selected options), then
 * overrides the fields it types in. Regex-based: Jalons' views are regular, this is not a browser.
 */
export type Fields = [string, string][];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decodeHtml(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** The fields a browser would post for the first form whose action matches. */
export function formFields(html: string, action: string | RegExp): Fields | null {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const a = attrs(m[1]).action ?? '';
    if (typeof action === 'string' ? a !== action : !action.test(a)) continue;
    return fieldsOf(m[2]);
  }
  return null;
}

function fieldsOf(body: string): Fields {
  const fields: Fields = [];
  for (const m of body.matchAll(/<(input|textarea|select)\b([^>]*)>([\s\S]*?<\/\1>)?/g)) {
    const [, tag, rawAttrs, inner = ''] = m;
    const a = attrs(rawAttrs);
    if (!a.name || 'disabled' in a) continue;
    if (tag === 'input') {
      const type = (a.type ?? 'text').toLowerCase();
      if (['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields.push([a.name, a.value ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (tag === 'textarea') {
      fields.push([a.name, decodeHtml(inner.replace(/<\/textarea>$/, '').replace(/^\n/, ''))]);
    } else {
      const options = [...inner.matchAll(/<option\b([^>]*)>([^<]*)/g)].map((o) => ({ a: attrs(o[1]), text: o[2] }));
      const chosen = options.find((o) => 'selected' in o.a) ?? options[0];
      if (chosen) fields.push([a.name, chosen.a.value ?? decodeHtml(chosen.text).trim()]);
    }
  }
  return fields;
}

/** Replaces (or adds) single-valued fields. */
export function setFields(fields: Fields, values: Record<string, string>): Fields {
  const out = fields.filter(([k]) => !(k in values));
  for (const [k, v] of Object.entries(values)) out.push([k, v]);
  return out;
}

export const fieldValue = (fields: Fields, name: string) => fields.find(([k]) => k === name)?.[1];
