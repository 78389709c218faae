import { docxText } from '../support/docx-text';
import { columnText, pdfTextItems } from '../support/pdf-text';
import { CASE_SHEET_GEOMETRY } from '../../src/case-sheets/pdf-page';
import { columnRects } from '../../src/platform/pdf/columns';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import caseData from '../../seeds/data/belfort-ges-case.json';
import { seed } from '../../seeds/demo';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { formatDate } from '../../src/platform/i18n';
import { createUser } from '../factories';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
});
afterAll(() => t.close());

type Session = Awaited<ReturnType<typeof loginAs>>;
const demo = (email: string) => loginAs(t.app, email, DEMO_PASSWORD);

// Narrow and no-break spaces (French numbers) and line breaks all read as one plain space; the
// documents' typographic apostrophe as the typed one.
const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/’/g, "'");
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const htmlText = (html: string) => squash(decode(html));

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
async function sheetPdf(s: Session) {
  const res = await s.agent.get(`/accompaniments/${accId}/case-sheet.pdf`).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  // Read as a person reads the sheet: page after page, each column top to bottom.
  const { pages, items } = await pdfTextItems(res.body as Buffer);
  const split = columnRects(CASE_SHEET_GEOMETRY)[1].x - 4;
  return squash(Array.from({ length: pages }, (_, i) => columnText(items, i + 1, split)).join('\n'));
}
async function sheetDocx(s: Session) {
  const res = await s.agent.get(`/accompaniments/${accId}/case-sheet.docx`).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="fiche-retour-${accId}.docx"`);
  return squash(await docxText(res.body as Buffer));
}
const sheetHtml = async (s: Session) =>
  htmlText((await s.agent.get(`/accompaniments/${accId}/case-sheet`).expect(200)).text);

/** What the published Belfort sheet says, as recorded in the demo: both renderings must hold it. */
function expectBelfortSheet(text: string) {
  for (const s of caseData.structures) expect(text).toContain(squash(s.name));
  expect(text).toContain(squash('156 salariés dont 150 en insertion'));
  expect(text).toContain(squash('15 salariés dont 13 en insertion'));
  expect(text).toContain(
    squash('6 jours d’accompagnement collectif de décembre 2015 à septembre 2016, pour un budget de 7 000 €'),
  );
  expect(caseData.steering_sessions).toHaveLength(8);
  for (const s of caseData.steering_sessions)
    expect(text).toContain(squash(`${formatDate('fr', s.date)} : ${s.theme}`));
  expect(text).toContain(squash('12 février 2016'));
  expect(text).toContain(squash('13 septembre 2016'));
  expect(text).toContain(squash('La sortie de Chamois'));
  // Known to the month, printed so (« le 15 novembre 2016 » would be a day the record never gave).
  expect(text).toContain(squash('Sortie du processus : novembre 2016'));
  expect(text).not.toContain(squash(formatDate('fr', '2016-11-15')));
  for (const reason of caseData.withdrawal.reasons) expect(text).toContain(squash(reason));
  expect(text).toContain(squash(caseData.withdrawal.may_rejoin));
  for (const r of caseData.results) expect(text).toContain(squash(r));
  for (const f of caseData.success_factors) expect(text).toContain(squash(f));
  for (const r of caseData.risks) expect(text).toContain(squash(r));
  for (const f of caseData.diagnostic.findings) expect(text).toContain(squash(f));
  expect(text).toContain(
    squash('Mi-octobre 2015 : Le diagnostic partagé rédigé par le DLA a été signé par les 4 structures.'),
  );
  expect(text).toContain(squash('COORACE – fédération nationale'));
}

describe('the Belfort case sheet, generated from the record', () => {
  it('holds the structures, 6 days, 7 000 €, the period, the eight themed sessions, Chamois’s withdrawal, results and factors (HTML)', async () => {
    const text = await sheetHtml(await demo('coordination@jalons.test'));
    expectBelfortSheet(text);
    expect(text.toLowerCase()).toContain(squash('Fiche d’identité de l’accompagnement').toLowerCase());
  });

  it('holds the same in the PDF, read back with pdf.js', async () => {
    expectBelfortSheet(await sheetPdf(await demo('coordination@jalons.test')));
  });

  it('holds the same in the Word document, read back from word/document.xml', async () => {
    const s = await demo('coordination@jalons.test');
    const page = (await s.agent.get(`/accompaniments/${accId}/case-sheet`).expect(200)).text;
    expect(page).toContain(`href="/accompaniments/${accId}/case-sheet.docx"`);
    expect(page).toContain('Télécharger en Word (.docx)');
    const text = await sheetDocx(s);
    expectBelfortSheet(text);
    expect(text).toContain(BELFORT_TITLE);
    expect(text.toLowerCase()).toContain(squash('Fiche d’identité de l’accompagnement').toLowerCase());
  });

  it('is read by the funder and the provider of the case, who cannot edit it', async () => {
    for (const email of ['financeur@jalons.test', 'prestataire@jalons.test']) {
      const s = await demo(email);
      const text = await sheetHtml(s);
      expect(text).toContain('156 salariés dont 150 en insertion');
      expect(text).not.toContain('Compléter la fiche retour');
      expect(await sheetDocx(s)).toContain('156 salariés dont 150 en insertion');
      await s.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(403);
      const before = await t.db('case_sheets').where({ accompaniment_id: accId }).first();
      await s.agent
        .post(`/accompaniments/${accId}/case-sheet/edit`)
        .type('form')
        .send({ _csrf: s.csrf, lock_version: before.lock_version, results: 'Piraté' })
        .expect(403);
      await s.agent
        .post(`/accompaniments/${accId}/case-sheet/quotes`)
        .type('form')
        .send({ _csrf: s.csrf, person_name: 'X', text: 'Y', consent_on: '2017-01-10' })
        .expect(403);
      expect((await t.db('case_sheets').where({ accompaniment_id: accId }).first()).results).toEqual(before.results);
    }
  });

  it('answers 404 to a user of another operator, for the sheet, its PDF, its edit form and its quotes', async () => {
    const stranger = await createUser(t.db, { role: 'coordinator' });
    const s = await loginAs(t.app, stranger.email);
    await s.agent.get(`/accompaniments/${accId}/case-sheet`).expect(404);
    await s.agent.get(`/accompaniments/${accId}/case-sheet.pdf`).expect(404);
    await s.agent.get(`/accompaniments/${accId}/case-sheet.docx`).expect(404);
    await s.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(404);
    await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, lock_version: '1', results: 'x' })
      .expect(404);
    const [q] = await t
      .db('case_sheet_quotes')
      .insert({ accompaniment_id: accId, person_name: 'Témoin', text: 'Hors périmètre', consent_on: null })
      .returning('id');
    await s.agent.post(`/case-sheet-quotes/${q.id}/delete`).type('form').send({ _csrf: s.csrf }).expect(404);
    expect(await t.db('case_sheet_quotes').where({ id: q.id }).first()).toBeDefined();
    await t.db('case_sheet_quotes').where({ id: q.id }).delete();
  });

  it('shows its status and links on the accompaniment page', async () => {
    const s = await demo('coordination@jalons.test');
    const page = htmlText((await getCaseTab(s.agent, accId, 'case-sheet').expect(200)).text);
    expect(page).toContain('7 rubriques du bilan renseignées sur 8');
    expect(page).toContain('Conseils : à compléter');
    expect(page).toContain('Compléter la fiche retour');
    const funder = htmlText(
      (await getCaseTab((await demo('financeur@jalons.test')).agent, accId, 'case-sheet').expect(200)).text,
    );
    expect(funder).toContain('Voir la fiche retour');
    expect(funder).not.toContain('Compléter la fiche retour');
  });
});

describe('editing the case sheet', () => {
  const fieldsOf = async () => t.db('case_sheets').where({ accompaniment_id: accId }).first();
  const formOf = (row: Record<string, unknown>, changes: Record<string, string> = {}) => ({
    context: (row.context as string[]).join('\n'),
    prior_links: (row.prior_links as string[]).join('\n'),
    results: (row.results as string[]).join('\n'),
    success_factors: (row.success_factors as string[]).join('\n'),
    risks: (row.risks as string[]).join('\n'),
    advice: (row.advice as string[]).join('\n'),
    provider_role: (row.provider_role as string | null) ?? '',
    network_role: (row.network_role as string | null) ?? '',
    lock_version: String(row.lock_version),
    ...changes,
  });

  it('saves the coordinator’s change, and the PDF shows it', async () => {
    const s = await demo('coordination@jalons.test');
    const edit = await s.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(200);
    expect(htmlText(edit.text)).toContain(caseData.results[0]);
    const row = await fieldsOf();
    const results = `${(row.results as string[]).join('\n')}\nUne association support créée en 2017 pour porter le groupe.`;
    const res = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, ...formOf(row, { results, advice: 'Prévoir un relais dès la fin du DLA.' }) })
      .expect(302);
    expect(res.headers.location).toBe(`/accompaniments/${accId}/case-sheet`);
    const after = await fieldsOf();
    expect(after.lock_version).toBe(row.lock_version + 1);
    expect(after.results).toHaveLength(caseData.results.length + 1);
    const pdf = await sheetPdf(s);
    expect(pdf).toContain('Une association support créée en 2017 pour porter le groupe.');
    expect(pdf).toContain('Prévoir un relais dès la fin du DLA.');
    expect(await t.db('audit_log').where({ action: 'case_sheet.update', entity_id: accId }).first()).toBeDefined();
  });

  it('keeps a colleague’s save: a stale version answers 409 with the input kept', async () => {
    const s = await demo('coordination@jalons.test');
    const row = await fieldsOf();
    const stale = formOf(row, { lock_version: String(row.lock_version - 1), results: 'Ma version périmée' });
    const res = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, ...stale })
      .expect(409);
    expect(res.text).toContain('Quelqu’un a modifié la fiche retour');
    expect(res.text).toContain('Ma version périmée');
    expect(res.text).toContain(`name="lock_version" value="${row.lock_version}"`);
    expect((await fieldsOf()).results).toEqual(row.results);
  });

  it('refuses an over-long item with a French message, keeping the input and saving nothing', async () => {
    const s = await demo('coordination@jalons.test');
    const row = await fieldsOf();
    const long = `Résultat ${'très '.repeat(130)}long`;
    const res = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/edit`)
      .type('form')
      .send({ _csrf: s.csrf, ...formOf(row, { results: long, network_role: 'Nouveau rôle' }) })
      .expect(422);
    expect(res.text).toContain('Une des lignes est trop longue.');
    expect(res.text).toContain(long);
    expect(res.text).toContain('Nouveau rôle');
    const after = await fieldsOf();
    expect(after.lock_version).toBe(row.lock_version);
    expect(after.results).toEqual(row.results);
  });
});

describe('quotes', () => {
  it('refuses a quote without a consent date (422, French, input kept) and records one with it', async () => {
    const s = await demo('coordination@jalons.test');
    const quote = {
      person_name: 'Odile Perrot',
      person_role: 'présidente d’Intermed',
      text: 'Le DLA nous a aidés à rendre compte à nos partenaires.',
    };
    const refused = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/quotes`)
      .type('form')
      .send({ _csrf: s.csrf, ...quote, consent_on: '' })
      .expect(422);
    expect(refused.text).toContain('Indiquez la date à laquelle la personne a accepté la publication');
    expect(refused.text).toContain(quote.text);
    expect(refused.text).toContain('value="Odile Perrot"');
    expect(await t.db('case_sheet_quotes').where({ accompaniment_id: accId }).pluck('id')).toHaveLength(0);

    const future = await s.agent
      .post(`/accompaniments/${accId}/case-sheet/quotes`)
      .type('form')
      .send({ _csrf: s.csrf, ...quote, consent_on: '2099-01-01' })
      .expect(422);
    expect(future.text).toContain('La date du consentement ne peut pas être dans le futur.');
    expect(await t.db('case_sheet_quotes').where({ accompaniment_id: accId }).pluck('id')).toHaveLength(0);
    await s.agent
      .post(`/accompaniments/${accId}/case-sheet/quotes`)
      .type('form')
      .send({ _csrf: s.csrf, ...quote, consent_on: '2017-02-03' })
      .expect(302);
    const row = await t.db('case_sheet_quotes').where({ accompaniment_id: accId }).first();
    expect(row).toMatchObject({ person_name: 'Odile Perrot', consent_on: '2017-02-03' });
    expect(String(row.consent_recorded_by)).toBe(
      String((await t.db('users').where({ email: 'coordination@jalons.test' }).first('id')).id),
    );

    expect(await sheetHtml(await demo('financeur@jalons.test'))).toContain(`« ${quote.text} »`);
    expect(await sheetPdf(s)).toContain(quote.text);
    expect(await sheetDocx(s)).toContain(`« ${quote.text} »`);
  });

  it('never prints a quote without consent, whoever reads the sheet', async () => {
    const secret = 'Propos tenus sans accord de publication.';
    await t
      .db('case_sheet_quotes')
      .insert({ accompaniment_id: accId, person_name: 'Personne réservée', text: secret, consent_on: null });
    for (const email of [
      'coordination@jalons.test',
      'financeur@jalons.test',
      'prestataire@jalons.test',
      'structure@jalons.test',
    ]) {
      const s = await demo(email);
      expect(await sheetHtml(s)).not.toContain(secret);
      expect(await sheetPdf(s)).not.toContain(secret);
      expect(await sheetDocx(s)).not.toContain(secret);
    }
    // The coordinator sees it on the edit page, marked, to delete it.
    const coord = await demo('coordination@jalons.test');
    const edit = htmlText((await coord.agent.get(`/accompaniments/${accId}/case-sheet/edit`).expect(200)).text);
    expect(edit).toContain(secret);
    expect(edit).toContain('Sans consentement : jamais publiée.');
    const q = await t.db('case_sheet_quotes').where({ text: secret }).first();
    await coord.agent.post(`/case-sheet-quotes/${q.id}/delete`).type('form').send({ _csrf: coord.csrf }).expect(302);
    expect(await t.db('case_sheet_quotes').where({ id: q.id }).first()).toBeUndefined();
  });
});

describe('when the sheet can be written', () => {
  it('is not edited before delivery, and the page shows no case-sheet section then', async () => {
    const early = await t.db('accompaniments').where({ state: 'diagnostic' }).first('id');
    const s = await demo('coordination@jalons.test');
    await s.agent.get(`/accompaniments/${early.id}/case-sheet/edit`).expect(403);
    await s.agent
      .post(`/accompaniments/${early.id}/case-sheet/quotes`)
      .type('form')
      .send({ _csrf: s.csrf, person_name: 'X', text: 'Y', consent_on: '2020-01-10' })
      .expect(403);
    const page = (await getCaseTab(s.agent, early.id, 'case-sheet').expect(200)).text;
    expect(page).not.toContain('id="case-sheet"');
  });

  it('keeps what the coordinator wrote when the demo seed runs again', async () => {
    const before = await t.db('case_sheets').where({ accompaniment_id: accId }).first();
    await seed(t.db);
    const after = await t.db('case_sheets').where({ accompaniment_id: accId }).first();
    expect(after.results).toEqual(before.results);
    expect(after.lock_version).toBe(before.lock_version);
    expect(await t.db('case_sheets').where({ accompaniment_id: accId }).pluck('accompaniment_id')).toHaveLength(1);
  });
});
