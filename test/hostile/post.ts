import type { Response } from 'supertest';
import { tinyPdf } from '../factories/diagnostics';
import type { Agent } from './fixture';
import type { Field } from './html';
import { encode, Hostile, Shape } from './payloads';

export type Attack = { field: string; value: Hostile; shape: Shape; all: boolean };

/** The form as the page filled it in (a valid baseline), with the attack applied. */
function entries(fields: Field[], a: Attack): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const hostile = encode(a.value);
  for (const f of fields) {
    if (f.kind === 'file') continue;
    const attacked = f.name === a.field || (a.all && !['hidden', 'checkbox', 'radio'].includes(f.kind));
    const baseline = encodeURIComponent(f.value);
    if (!attacked) {
      if ((f.kind === 'checkbox' && !f.value) || out.some(([n]) => n === f.name && f.kind === 'radio')) continue;
      out.push([f.name, baseline]);
      continue;
    }
    if (a.shape === 'missing') continue;
    if (a.shape === 'empty') out.push([f.name, '']);
    else if (a.shape === 'repeated') out.push([f.name, hostile], [f.name, hostile]);
    else if (a.shape === 'bracket') out.push([`${f.name}%5Bx%5D`, hostile], [`${f.name}%5B%5D`, hostile]);
    else out.push([f.name, hostile]);
  }
  // Fields the form does not have: they must be ignored, whatever their name.
  if (!fields.some((f) => f.name === a.field)) out.push([encodeURIComponent(a.field), hostile]);
  return out;
}

/** Posts one attack as a browser would (urlencoded, or multipart with a file named by the payload). */
export async function postAttack(
  agent: Agent | { agent: Agent['agent']; csrf: string },
  url: string,
  fields: Field[],
  multipart: boolean,
  a: Attack,
): Promise<Response> {
  if (!multipart) {
    const body = [['_csrf', encodeURIComponent(agent.csrf)], ...entries(fields, a)]
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return agent.agent.post(url).set('Content-Type', 'application/x-www-form-urlencoded').send(body);
  }
  let req = agent.agent.post(url).field('_csrf', agent.csrf);
  for (const [k, v] of entries(fields, a)) req = req.field(decodeURIComponent(k), safeDecode(v));
  const file = fields.find((f) => f.kind === 'file');
  if (file)
    req = req.attach(file.name, tinyPdf(), {
      filename: `${a.value.text.slice(0, 200) || 'x'}.pdf`,
      contentType: 'application/pdf',
    });
  return req;
}

function safeDecode(v: string) {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
