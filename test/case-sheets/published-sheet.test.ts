import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import caseData from '../../seeds/data/belfort-ges-case.json';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { CASE_SHEET_GEOMETRY } from '../../src/case-sheets/pdf-page';
import { typo } from '../../src/case-sheets/typography';
import { columnRects } from '../../src/platform/pdf/columns';
import { docxText, documentXml } from '../support/docx-text';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { columnText, pdfTextItems } from '../support/pdf-text';

/*
 * The generated Belfort sheet against the published one (seeds/data/belfort-ges-case-sheet.txt, the
 * text of the published PDF), fact by fact: each fact is looked for in the published text AND in
 * the generated PDF, read back with pdf.js column by column. Dates must carry the source's own
 * precision (« Mi-octobre 2015 », « courant 2017 »), and no day the source never gave may appear.
 */
const published = fs.readFileSync(path.join(__dirname, '../../seeds/data/belfort-ges-case-sheet.txt'), 'utf8');
// One space for any run of spaces and line breaks; the source's split ordinal « 1\ner\n » read whole.
const squash = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/ (\d) er /g, ' $1er ')
    .toLowerCase();
const source = squash(published);

let t: TestApp;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
});
afterAll(() => t.close());

const demo = (email: string) => loginAs(t.app, email, DEMO_PASSWORD);
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
async function download(agent: request.Agent, ext: 'pdf' | 'docx') {
  const res = await agent.get(`/accompaniments/${accId}/case-sheet.${ext}`).buffer(true).parse(binary).expect(200);
  return res.body as Buffer;
}

const [LEFT, RIGHT] = columnRects(CASE_SHEET_GEOMETRY);
/** The PDF's text, page after page, each page read column by column. */
async function readSheet(pdf: Buffer) {
  const { pages, items } = await pdfTextItems(pdf);
  const text = Array.from({ length: pages }, (_, i) => columnText(items, i + 1, RIGHT.x - 4)).join('\n');
  return { pages, items, text: squash(text) };
}

// [what the published sheet says, what the generated sheet prints for it]
const FACTS: [string, string][] = [
  ['Retour d’un accompagnement DLA', 'Retour d’un accompagnement DLA'],
  [
    'Appui à la création d’un Groupe économique solidaire (GES)',
    'Appui à la création d’un Groupe économique solidaire (GES)',
  ],
  ['INSERTION PAR L’ACTIVITÉ ÉCONOMIQUE (IAE)', 'INSERTION PAR L’ACTIVITÉ ÉCONOMIQUE (IAE)'],
  ['REGROUPEMENT : COOPERATION / MUTUALISATION / FUSION', 'REGROUPEMENT : COOPÉRATION / MUTUALISATION / FUSION'],
  ['FICHE D’IDENTITÉ DE L’ACCOMPAGNEMENT', 'FICHE D’IDENTITÉ DE L’ACCOMPAGNEMENT'],
  ['Cette fiche synthétise l’accompagnement DLA de quatre', 'Cette fiche synthétise l’accompagnement DLA de quatre'],
  [
    '6 jours d‘accompagnement collectif de décembre 2015 à septembre 2016, pour un budget de 7 000€',
    '6 jours d’accompagnement collectif de décembre 2015 à septembre 2016, pour un budget de 7 000 €',
  ],
  ['LE GROUPE ÉCONOMIQUE SOLIDAIRE (GES)', 'LE GROUPE ÉCONOMIQUE SOLIDAIRE (GES)'],
  ['Une gouvernance unifiée', 'Une gouvernance unifiée'],
  ['DIAGNOSTIC RÉALISÉ PAR LE DLA', 'DIAGNOSTIC RÉALISÉ PAR LE DLA'],
  ['Energie Emploi Association intermédiaire', 'Energie Emploi Association intermédiaire (AI)'],
  ['156 salariés dont 150 en insertion', '156 salariés dont 150 en insertion'],
  ['Intermed Association intermédiaire', 'Intermed Association intermédiaire (AI)'],
  ['96 salariés dont 91 en insertion', '96 salariés dont 91 en insertion'],
  ['Chamois Atelier et chantier d’insertion', 'Atelier et chantier d’insertion (ACI)'],
  ['49 salariés dont 40 en insertion', '49 salariés dont 40 en insertion'],
  ['Atelier et chantier d’insertion (fiscalisé)', 'Atelier et chantier d’insertion (ACI) (fiscalisé)'],
  ['15 salariés dont 13 en insertion', '15 salariés dont 13 en insertion'],
  ['MAD : Mise à disposition de personnel', '¹ MAD : mise à disposition de personnel'],
  ['Une réforme de financement s’est opérée en 2014', '² Une réforme du financement de l’IAE s’est opérée en 2014'],
  ['Contexte économique et social', 'Contexte économique et social'],
  ['Liens entre les structures', 'Liens entre les structures'],
  [
    'Trois structures sur quatre ont des administrateurs en commun',
    'Trois structures sur quatre ont des administrateurs en commun',
  ],
  ['Constats de départ', 'Constats de départ'],
  ['Rôle des réseaux', 'Rôle des réseaux'],
  ['MISE EN ŒUVRE DE L’ACCOMPAGNEMENT', 'MISE EN ŒUVRE DE L’ACCOMPAGNEMENT'],
  ['Objectifs de l’accompagnement DLA', 'Objectifs de l’accompagnement DLA'],
  [
    'Mi-octobre 2015 : Le diagnostic partagé rédigé par le DLA a été signé par les 4 structures',
    'Mi-octobre 2015 : Le diagnostic partagé rédigé par le DLA a été signé par les 4 structures',
  ],
  [
    'Novembre 2015 : Les financeurs des structures ont été informés du projet de création d’un GES',
    'Novembre 2015 : Les financeurs des structures ont été informés du projet de création d’un GES',
  ],
  [
    'Décembre 2015 : afin de commencer la mission, le COORACE (fédération nationale) a organisé une séance de travail',
    'Décembre 2015 : Le COORACE (fédération nationale) a organisé une séance de travail',
  ],
  [
    "Courant décembre 2015 : le Conseil départemental de l'insertion par l'activité économique (CDIAE) a été averti par le DLA",
    'Décembre 2015 : Le CDIAE a été averti par le DLA',
  ],
  [
    'Début janvier 2016 : une convention DLA a été signée entre toutes les structures, le DLA et le prestataire',
    'Début janvier 2016 : Une convention DLA a été signée entre toutes les structures, le DLA et le prestataire',
  ],
  [
    'PHASE 1 Réaffirmation du projet politique et organisation stratégique',
    'Phase 1 – Réaffirmation du projet politique et organisation stratégique (novembre 2015)',
  ],
  [
    'PHASE 2 Réflexions stratégiques organisées en 8 groupes de travail',
    'Phase 2 – Réflexions stratégiques organisées en 8 groupes de travail (janvier 2016)',
  ],
  [
    'PHASE 3 Travaux autour de la mise en place opérationnelle du regroupement',
    'Phase 3 – Travaux autour de la mise en place opérationnelle du regroupement (novembre 2016 – juin 2017)',
  ],
  ['Janvier 2016 Novembre 2016 Juin 2017', 'novembre 2016 – juin 2017'],
  ['ACCOMPAGNEMENT DLA POST-ACCOMPAGNEMENT DLA', 'POST-ACCOMPAGNEMENT DLA'],
  ['Démarrage effectif et total du GES', 'Démarrage effectif et total du GES : 1er janvier 2018'],
  ['Opérateur DLA - MIFE', 'Opérateur DLA – MIFE'],
  ['Prestataire DLA – Fédération nationale COORACE', 'Prestataire DLA – COORACE – fédération nationale'],
  ['Auto-gestion et suivi avec la délégation régionale', 'Auto-gestion et suivi avec COORACE – délégation régionale'],
  ['le comité de pilotage s’est réuni à 8 reprises', 'Le comité de pilotage s’est réuni 8 fois'],
  [
    'débouchera sur la création d’une association support courant 2017',
    'Courant 2017 : Création de l’association support du GES',
  ],
  ['la mise en place effective et totale du GES est prévue le 1er janvier 2018', '1er janvier 2018'],
  ['RÉSULTATS DE L’ACCOMPAGNEMENT', 'RÉSULTATS DE L’ACCOMPAGNEMENT'],
  ['La sortie du processus de Chamois', 'La sortie de Chamois'],
  ['à la suite du bilan de l’accompagnement DLA, en novembre 2016', 'Sortie du processus : novembre 2016.'],
  ['ANALYSE DE LA DÉMARCHE DLA', 'ANALYSE DE LA DÉMARCHE DLA'],
  ['Apports de l’accompagnement DLA', 'Apports de l’accompagnement DLA'],
  [
    'L’orientation vers un prestataire qui a précisément répondu aux enjeux identifiés lors du diagnostic',
    'L’orientation vers un prestataire qui a précisément répondu aux enjeux identifiés lors du diagnostic',
  ],
  ['Facteurs clés de réussite', 'Facteurs clés de réussite'],
  ['Risques à éviter et conseils', 'Risques à éviter et conseils'],
  [
    '« Il s’agit d’un mariage, il faut que tout le monde se fasse confiance, il faut réussir à instaurer cette dynamique. »',
    '« Il s’agit d’un mariage, il faut que tout le monde se fasse confiance, il faut réussir à instaurer cette dynamique. »',
  ],
  ['Cette fiche retour d’accompagnent DLA s’appuie sur', 'Cette fiche retour d’accompagnement DLA s’appuie sur'],
  ['Les éléments conceptuels sont tirés du guide', 'Les éléments conceptuels sont tirés du guide'],
];
// Days the source never gave: the relay's, the phases' and the exact days behind « mi-octobre », « début janvier »…
const NEVER = [
  '15 octobre 2015',
  '15 novembre 2015',
  '1er décembre 2015',
  '5 janvier 2016',
  '1er novembre 2015',
  '15 novembre 2016',
  '1er décembre 2016',
  '30 juin 2017',
  '(date approximative)',
];
// « 5 janvier 2016 » and not the end of « novembre 2015 janvier 2016 » (the timeline's dates side by side).
const never = (d: string) => new RegExp(`(^|[^0-9])${squash(d).replace(/[()]/g, '\\$&')}`);
const QUOTE =
  'Il s’agit d’un mariage, il faut que tout le monde se fasse confiance, il faut réussir à instaurer cette dynamique.';
const SECRET = 'Propos tenus sans accord de publication.';

describe('the Belfort sheet, compared fact by fact with the published one', () => {
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  beforeAll(async () => {
    const s = await demo('coordination@jalons.test');
    // A quote with its consent (a fictional person with the source's role), one without.
    await s.agent
      .post(`/accompaniments/${accId}/case-sheet/quotes`)
      .type('form')
      .send({
        _csrf: s.csrf,
        person_name: 'Paul Girard',
        person_role: 'salarié de la fédération nationale COORACE',
        text: QUOTE,
        consent_on: '2017-02-03',
      })
      .expect(302);
    await t
      .db('case_sheet_quotes')
      .insert({ accompaniment_id: accId, person_name: 'Personne réservée', text: SECRET, consent_on: null });
    const pdf = await download(s.agent, 'pdf');
    sheet = await readSheet(pdf);
  });

  it.each(FACTS)('the published « %s » is printed as « %s »', (said, printed) => {
    expect(source).toContain(squash(said));
    expect(sheet.text).toContain(squash(printed));
  });

  it('prints every steering session on its day, as the source does', () => {
    for (const s of caseData.steering_sessions) {
      const [y, m, d] = s.date.split('-').map(Number);
      const day = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, d)),
      );
      const written = `${d === 1 ? '1er' : d} ${day} ${y}`;
      expect(source).toContain(squash(written));
      expect(sheet.text).toContain(squash(`${written} : ${typo(s.theme)}`));
    }
  });

  it('invents no day: the relay, the phases and the approximate steps print as precisely as the source', () => {
    for (const d of NEVER) expect(sheet.text).not.toMatch(never(d));
  });

  it('prints the consented quote as a pull quote, never the one without consent', () => {
    expect(sheet.text).toContain(squash(`« ${QUOTE} »`));
    expect(sheet.text).toContain(squash('Paul Girard, salarié de la fédération nationale COORACE'));
    expect(sheet.text).not.toContain(squash(SECRET));
  });

  it('has four-ish pages, each with the running header and its page number', () => {
    expect(sheet.pages).toBeGreaterThanOrEqual(4);
    expect(sheet.pages).toBeLessThanOrEqual(6);
    for (let p = 1; p <= sheet.pages; p++) {
      const top = sheet.items.filter((i) => i.page === p && i.y > 780).map((i) => i.str);
      expect(top).toContain('RETOUR D’UN ACCOMPAGNEMENT DLA');
      expect(top).toContain(typo(BELFORT_TITLE));
      const foot = sheet.items.filter((i) => i.page === p && i.y < 40).map((i) => i.str);
      expect(foot).toContain(`Page ${p}`);
    }
  });

  it('is laid out in two columns: body text starts at both columns’ left edges on every page', () => {
    for (let p = 1; p <= sheet.pages; p++) {
      const body = sheet.items.filter((i) => i.page === p && i.y > 40 && i.y < 780);
      const at = (x: number) => body.filter((i) => Math.abs(i.x - x) < 20).length;
      expect(at(LEFT.x)).toBeGreaterThan(5);
      // The last page may end in its first column.
      if (p < sheet.pages) expect(at(RIGHT.x)).toBeGreaterThan(5);
      // Nothing of a column runs into the other: a left item ends before the gutter, unless it is full width.
      for (const i of body.filter((x) => x.x < RIGHT.x - 4 && x.x + x.width > RIGHT.x + 2))
        expect(i.x + i.width).toBeLessThanOrEqual(CASE_SHEET_GEOMETRY.width - CASE_SHEET_GEOMETRY.right + 1);
    }
  });

  it('draws the timeline in order: operator, then provider, then relay, up to the outcome', () => {
    const order = ['Opérateur DLA – MIFE', 'Prestataire DLA – COORACE', 'Auto-gestion et suivi', 'Démarrage effectif'];
    const operator = sheet.items.find((i) => i.str.startsWith(order[0]));
    expect(operator).toBeDefined();
    // The timeline's pieces: on the operator's band's page, within its height.
    const near = sheet.items.filter((i) => i.page === operator!.page && Math.abs(i.y - operator!.y) < 90);
    const xs = order.map((o) => Math.min(...near.filter((i) => i.str.startsWith(o)).map((i) => i.x)));
    expect(xs.every(Number.isFinite)).toBe(true);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(xs[3]).toBeGreaterThan(RIGHT.x);
  });

  it('has the same parts in its Word twin: two columns, header, page numbers, the same dates', async () => {
    const docx = await download((await demo('coordination@jalons.test')).agent, 'docx');
    const text = squash(await docxText(docx));
    for (const [, printed] of FACTS.filter(([, p]) => !/^[¹²]/.test(p))) expect(text).toContain(squash(printed));
    for (const d of NEVER) expect(text).not.toMatch(never(d));
    expect(text).not.toContain(squash(SECRET));
    const xml = await documentXml(docx);
    expect(xml).toMatch(/<w:cols [^>]*w:num="2"/);
    expect(xml).toContain('<w:headerReference');
    expect(xml).toContain('<w:footerReference');
  });
});

describe('the sheet’s own dates, edited before generation', () => {
  const rowsOf = () => t.db('case_sheet_dates').where({ accompaniment_id: accId }).orderBy('position').select();
  /** The edit form as the browser sends it: the recorded fields and dates, then `extra` rows. */
  async function formOf(extra: Record<string, string>[] = []) {
    const sheet = await t.db('case_sheets').where({ accompaniment_id: accId }).first();
    const form: Record<string, string> = { lock_version: String(sheet.lock_version) };
    for (const [k, v] of Object.entries(sheet)) {
      if (Array.isArray(v)) form[k] = v.join('\n');
      else if (typeof v === 'string') form[k] = v;
    }
    const rows = [
      ...(await rowsOf()).map((r) => ({
        kind: r.kind,
        actor: r.actor ?? '',
        label: r.label,
        on: r.on_date ?? '',
        on_precision: r.on_date_precision,
        end: r.end_date ?? '',
        end_precision: r.end_date_precision,
        source: r.source ?? '',
      })),
      ...extra,
    ];
    form.date_rows = String(rows.length);
    rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) {
        const name = k.endsWith('_precision') ? `date_${k.replace('_precision', '')}_${i}_precision` : `date_${k}_${i}`;
        form[name] = v;
      }
    });
    return form;
  }

  it('offers each recorded date with its precision in the form', async () => {
    const s = await demo('coordination@jalons.test');
    const html = (await s.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(200)).text;
    const first = (await rowsOf())[0];
    expect(first).toMatchObject({ on_date: '2015-10-15', on_date_precision: 'mid_month' });
    expect(html).toContain('name="date_on_0" type="date" value="2015-10-15"');
    expect(html).toMatch(
      /name="date_on_0_precision">[\s\S]*?<option value="mid_month" selected>Milieu du mois<\/option>/,
    );
    expect(html).toContain('Les dates de la fiche');
  });

  it('refuses an impossible day or an unknown precision with a French message, keeping the input', async () => {
    const s = await demo('coordination@jalons.test');
    const before = await rowsOf();
    const form = await formOf([
      { kind: 'event', label: 'Visite des structures', on: '2016-02-30', on_precision: 'month' },
      { kind: 'event', label: 'Rencontre des financeurs', on: '2016-03-10', on_precision: 'quinzaine' },
      { kind: 'event', label: 'Sans date', on: '' },
    ]);
    const n = before.length;
    const res = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, ...form })
      .expect(422);
    expect(res.text).toContain('Saisissez une date valide (jj/mm/aaaa).');
    expect(res.text).toContain('Choisissez une précision dans la liste');
    expect(res.text).toContain('Indiquez une date (jj/mm/aaaa), même approximative, avec sa précision.');
    expect(res.text).toContain(`id="field-date_on_${n}" name="date_on_${n}" type="date" value="2016-02-30"`);
    expect(res.text).toContain('value="Visite des structures"');
    expect(res.text).toContain('value="Rencontre des financeurs"');
    expect(await rowsOf()).toEqual(before);
  });

  it('saves a date known to the season, and the PDF and the Word document print it so', async () => {
    const s = await demo('coordination@jalons.test');
    const form = await formOf([
      { kind: 'event', label: 'Visite des structures par le prestataire', on: '2016-04-20', on_precision: 'season' },
    ]);
    await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, ...form })
      .expect(302);
    expect((await rowsOf()).at(-1)).toMatchObject({
      on_date: '2016-04-20',
      on_date_precision: 'season',
      kind: 'event',
    });
    const pdf = await readSheet(await download(s.agent, 'pdf'));
    expect(pdf.text).toContain(squash('Printemps 2016 : Visite des structures par le prestataire'));
    expect(pdf.text).not.toMatch(never('20 avril 2016'));
    expect(squash(await docxText(await download(s.agent, 'docx')))).toContain(
      squash('Printemps 2016 : Visite des structures'),
    );
    // The rest of the sheet's dates kept their precision through the round trip.
    expect(pdf.text).toContain(squash('Mi-octobre 2015 : Le diagnostic partagé'));
  });

  it('is refused to the funder (403) and to another operator (404), nothing changed', async () => {
    const before = await rowsOf();
    const form = await formOf([{ kind: 'event', label: 'Piraté', on: '2016-01-01', on_precision: 'year' }]);
    const funder = await demo('financeur@jalons.test');
    await funder.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: funder.csrf, ...form })
      .expect(403);
    await funder.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(403);
    expect(await rowsOf()).toEqual(before);
  });

  it('starts, while nothing is saved, from the record: context and links from the diagnostic, results from the close-out, dates as recorded', async () => {
    await t.db('case_sheet_dates').where({ accompaniment_id: accId }).delete();
    await t.db('case_sheets').where({ accompaniment_id: accId }).delete();
    const s = await demo('coordination@jalons.test');
    const html = (await s.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(200)).text;
    expect(html).toContain('Rien n’est encore enregistré');
    for (const c of caseData.diagnostic.context) expect(html).toContain(c.replace(/'/g, '&#39;'));
    for (const l of caseData.prior_links) expect(html).toContain(l.replace(/'/g, '&#39;'));
    expect(html).toMatch(/Accompagnement socio-professionnel : (atteint|atteint en partie|non atteint)/);
    // The validations' day as recorded (a day), the phases from the record, the relay from the handoff.
    expect(html).toContain('value="Diagnostic partagé validé par 4 structures"');
    expect(html).toContain('type="date" value="2015-10-15"');
    expect(html).toContain('value="Suivi par COORACE – délégation régionale"');
    expect(html).toContain('value="Phase 1 – Projet politique et organisation stratégique"');
    // Generated before any save: the proposal, printed with the precision it has (the day recorded).
    const pdf = await readSheet(await download(s.agent, 'pdf'));
    expect(pdf.text).toContain(squash('15 octobre 2015 : Diagnostic partagé validé par 4 structures'));
    expect(pdf.text).toContain(squash(caseData.prior_links[0]).replace(/'/g, '’'));
  });
});
