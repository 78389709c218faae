import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { FUNDER_TYPES } from '../../src/organisations/schemas';
import { ORGANISATION_KINDS, ROLES } from '../../src/platform/auth/session-user';
import { formatDate, LOCALES } from '../../src/platform/i18n';
import { en } from '../../src/platform/i18n/en';
import { fr } from '../../src/platform/i18n/fr';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ROOT = path.resolve(__dirname, '../..');

describe('language of the pages', () => {
  it('serves the login page in English to a browser that asks for English', async () => {
    for (const header of ['en', 'en-GB,en;q=0.9', 'en-US,fr;q=0.5']) {
      const res = await request(t.app).get('/login').set('Accept-Language', header).expect(200);
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain(en['login.heading']);
      expect(res.text).not.toContain(fr['login.heading']);
    }
  });

  it('serves French to a browser that asks for French, for another language, or for nothing', async () => {
    for (const header of ['fr', 'fr-FR,fr;q=0.9,en;q=0.5', 'de', null]) {
      const req = request(t.app).get('/login');
      if (header) req.set('Accept-Language', header);
      const res = await req.expect(200);
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('Connexion à Jalons');
      expect(res.text).not.toContain(en['login.heading']);
    }
  });

  it('remembers the language chosen with the switch, over what the browser asks for', async () => {
    const { agent, csrf } = await anonymousAgent(t.app);
    const res = await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'en', next: '/login' }).expect(302);
    expect(res.headers.location).toBe('/login');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/jalons_lang=en/);
    expect(cookie).toMatch(/HttpOnly/);

    const english = await agent.get('/login').set('Accept-Language', 'fr').expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain(en['login.heading']);
    // The switch now offers the way back to French.
    expect(english.text).toContain('name="lang" value="fr"');

    await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'fr', next: '/login' }).expect(302);
    const french = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(french.text).toContain('<html lang="fr">');
    expect(french.text).toContain('Connexion à Jalons');
  });

  it('ignores a language it does not have', async () => {
    const { agent, csrf } = await anonymousAgent(t.app);
    const res = await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'de', next: '/login' }).expect(302);
    expect(res.headers.location).toBe('/login');
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/jalons_lang=/);
    const page = await agent.get('/login').expect(200);
    expect(page.text).toContain('<html lang="fr">');
  });

  it('refuses the switch without the form’s CSRF token', async () => {
    const { agent } = await anonymousAgent(t.app);
    const res = await agent.post('/lang').type('form').send({ lang: 'en', next: '/login' }).expect(403);
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/jalons_lang=/);
    expect((await agent.get('/login').expect(200)).text).toContain('<html lang="fr">');
  });

  it('never sends the visitor to another site after the switch', async () => {
    const { agent, csrf } = await anonymousAgent(t.app);
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '']) {
      const res = await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'en', next }).expect(302);
      expect(res.headers.location).toBe('/');
    }
  });

  it('saves the choice of a signed-in user in their profile, so that it follows them to a new session', async () => {
    const user = await createUser(t.db, { role: 'coordinator', name: 'Claire Polyglotte' });
    const { agent, csrf } = await loginAs(t.app, user.email);
    await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'en', next: '/' }).expect(302);
    expect((await t.db('users').where({ id: user.id }).first('locale')).locale).toBe('en');
    const entry = await t.db('audit_log').where({ action: 'user.locale', entity_id: user.id }).first();
    expect(String(entry.actor_id)).toBe(user.id);

    const home = await agent.get('/').set('Accept-Language', 'fr').expect(200);
    expect(home.text).toContain('<html lang="en">');
    expect(home.text).toContain('Hello Claire Polyglotte');

    // Another browser, with no language cookie and asking for French: the profile wins.
    const other = await loginAs(t.app, user.email);
    const again = await other.agent.get('/').set('Accept-Language', 'fr').expect(200);
    expect(again.text).toContain('<html lang="en">');
    expect(again.text).toContain('Hello Claire Polyglotte');
    expect(again.text).toContain(en['roles.coordinator']);
  });
});

/** Source files under a folder, recursively. */
function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, ext);
    return e.name.endsWith(ext) ? [full] : [];
  });
}

/** The first argument of each `t(...)` call (also `req.t(...)`), as source text. */
function translateArguments(source: string): string[] {
  const args: string[] = [];
  const re = /(?<![\w$])t\(/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let depth = 0;
    let quote: string | null = null;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < source.length; i++) {
      const c = source[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    args.push(source.slice(start, i));
  }
  return args;
}

const KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)*\.?$/;

/** Literal keys and dynamic prefixes ('roles.' + x, `roles.${x}`) found in a piece of source. */
function keysIn(text: string) {
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`$]*)(\$\{)?/g)) {
    const literal = m[1] ?? m[2] ?? m[3] ?? '';
    if (!KEY.test(literal) || !literal.includes('.')) continue;
    if (literal.endsWith('.') || m[4]) prefixes.add(literal);
    else keys.add(literal);
  }
  return { keys, prefixes };
}

function scanSources() {
  const keys = new Map<string, string>(); // key -> first file using it
  const prefixes = new Map<string, string>();
  // The catalogues themselves (i18n/fr.ts, i18n/fr/*.ts, and the English ones) are not callers.
  const catalogue = /[\\/]i18n[\\/](fr|en)([\\/]|\.ts$)/;
  const files = [...filesUnder(path.join(ROOT, 'views'), '.ejs'), ...filesUnder(path.join(ROOT, 'src'), '.ts')].filter(
    (f) => !catalogue.test(f),
  );
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    const found = translateArguments(source).map(keysIn);
    // Keys handed over indirectly: titleKey values, and validation messages of form schemas.
    for (const m of source.matchAll(/\btitleKey\s*[:=]\s*([^;}\n]*)/g)) found.push(keysIn(m[1]));
    for (const m of source.matchAll(/\b(?:error|message)\s*:\s*('[^'\n]*'|"[^"\n]*")/g)) found.push(keysIn(m[1]));
    for (const f of found) {
      for (const k of f.keys) if (!keys.has(k)) keys.set(k, rel);
      for (const p of f.prefixes) if (!prefixes.has(p)) prefixes.set(p, rel);
    }
  }
  return { keys, prefixes, files };
}

describe('message catalogues', () => {
  const frKeys = Object.keys(fr).sort();
  const enKeys = Object.keys(en).sort();
  const scan = scanSources();

  it('have exactly the same keys, none empty', () => {
    expect(enKeys).toEqual(frKeys);
    for (const k of frKeys) {
      expect(fr[k as keyof typeof fr].trim()).not.toBe('');
      expect(en[k as keyof typeof en].trim()).not.toBe('');
    }
  });

  it('have every literal key used by a view or a route', () => {
    expect(scan.files.some((f) => f.endsWith('.ejs'))).toBe(true);
    expect(scan.keys.size).toBeGreaterThan(100); // the scan really found the calls
    expect(scan.keys.get('login.heading')).toBe(path.join('views', 'auth', 'login.ejs'));
    const missingFr = [...scan.keys].filter(([k]) => !(k in fr)).map(([k, file]) => `${k} (${file})`);
    const missingEn = [...scan.keys].filter(([k]) => !(k in en)).map(([k, file]) => `${k} (${file})`);
    expect(missingFr).toEqual([]);
    expect(missingEn).toEqual([]);
  });

  it('have a key for every value behind a dynamic key', () => {
    const values: Record<string, readonly string[]> = {
      'roles.': ROLES,
      'home.role.': ROLES,
      'organisations.kind.': ORGANISATION_KINDS,
      'organisations.kindPlural.': ORGANISATION_KINDS,
      'organisations.funderType.': FUNDER_TYPES,
      'users.status.': ['invited', 'active', 'disabled'],
      'outbox.status.': ['pending', 'sending', 'sent', 'failed', 'unknown'],
      'locales.': LOCALES,
    };
    // The scan finds the dynamic keys of the views (so the list above is really checked against the code).
    const expectedPrefixes = [
      'roles.',
      'home.role.',
      'organisations.kind.',
      'users.status.',
      'outbox.status.',
      'locales.',
    ];
    expect(expectedPrefixes.filter((p) => !scan.prefixes.has(p))).toEqual([]);
    const missing: string[] = [];
    // A prefix not listed above must at least lead somewhere in both catalogues.
    for (const [prefix, file] of scan.prefixes) {
      if (prefix in values) continue;
      if (!frKeys.some((k) => k.startsWith(prefix))) missing.push(`fr: ${prefix}* (${file})`);
      if (!enKeys.some((k) => k.startsWith(prefix))) missing.push(`en: ${prefix}* (${file})`);
    }
    for (const [prefix, list] of Object.entries(values)) {
      for (const v of list) {
        if (!(`${prefix}${v}` in fr)) missing.push(`fr: ${prefix}${v}`);
        if (!(`${prefix}${v}` in en)) missing.push(`en: ${prefix}${v}`);
      }
    }
    // Error pages derive their text from their title key.
    for (const k of frKeys.filter((k) => /^errors\.\d+\.title$/.test(k))) {
      const text = k.replace('.title', '.text');
      if (!(text in fr)) missing.push(`fr: ${text}`);
      if (!(text in en)) missing.push(`en: ${text}`);
    }
    expect(missing).toEqual([]);
  });

  it('keep the same placeholders in both languages', () => {
    // The names a message uses: {name}, {de:name} (French elision) and {count, plural, …}, each once.
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/\{(?:\w+:)?(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
    const differing = frKeys.filter(
      (k) => placeholders(fr[k as keyof typeof fr]).join() !== placeholders(en[k as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('has a really translated English catalogue', () => {
    const translated = frKeys.filter((k) => en[k as keyof typeof en] !== fr[k as keyof typeof fr]);
    expect(translated.length / frKeys.length).toBeGreaterThanOrEqual(0.8);
  });
});

describe('dates', () => {
  it('formats calendar dates in the reader’s language', () => {
    expect(formatDate('fr', '2016-02-12')).toBe('12 février 2016');
    expect(formatDate('en', '2016-02-12')).toBe('12 February 2016');
    expect(formatDate('fr', '2016-02-12', 'short')).toBe('12/02/2016');
  });

  it('shows instants in Paris time', () => {
    const lateEvening = new Date('2016-02-12T23:30:00Z');
    expect(formatDate('fr', lateEvening)).toBe('13 février 2016');
    expect(formatDate('en', lateEvening)).toBe('13 February 2016');
    expect(formatDate('fr', lateEvening, 'datetime')).toBe('13 février 2016 à 00:30');
    expect(formatDate('en', lateEvening, 'datetime')).toBe('13 February 2016 at 00:30');
  });

  it('shows nothing for a missing or invalid date', () => {
    expect(formatDate('fr', null)).toBe('');
    expect(formatDate('fr', undefined)).toBe('');
    expect(formatDate('fr', '')).toBe('');
    expect(formatDate('fr', 'not a date')).toBe('');
  });
});
