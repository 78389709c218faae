import type request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { docxText } from '../support/docx-text';
import { pdfText } from '../support/pdf-text';

// The demo's Belfort convention (issued on 4 January 2016), as its parties read it: the four
// structures, MIFE 90 and COORACE with the people who represent them on the steering committee,
// the State's and the Banque des Territoires' shares, and the default template's clauses.
let t: TestApp;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
});
afterAll(() => t.close());

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('the Belfort convention of the demo', () => {
  it('prints its parties with their representatives, its funding split and the default clauses, in its PDF and its .docx', async () => {
    const coord = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    const conv = await t.db('conventions').where({ accompaniment_id: accId, version: 1 }).first();
    expect(conv.template_version_id).not.toBeNull();
    const pdf = await coord.agent.get(`/documents/${conv.document_id}/download`).buffer(true).parse(binary).expect(200);
    const docx = await coord.agent
      .get(`/accompaniments/${accId}/convention/versions/1/docx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    for (const text of [flat(await pdfText(pdf.body as Buffer)), flat(await docxText(docx.body as Buffer))]) {
      expect(text).toContain('Structure accompagnée : Intermed, représentée par Odile Perrot (Présidence)');
      expect(text).toContain(
        'Energie Emploi, représentée par Bernard Mougin (Présidence) et Claire Vautrin (Direction)',
      );
      expect(text).toMatch(/Opérateur DLA : MIFE[^,]*, représentée par .+ \(Chargé·e de mission DLA\)/);
      expect(text).toMatch(/Prestataire : COORACE – fédération nationale, représentée par .+ \(Consultant·e\)/);
      expect(text).toContain('Montant de l’intervention : 7 000 €');
      expect(text).toMatch(/: 4 000,00 € \(57,1 %\)/);
      expect(text).toMatch(/: 3 000,00 € \(42,9 %\)/);
      expect(text).toContain('Phase 1 — Projet politique et organisation stratégique');
      expect(text).toContain('appartiennent aux structures accompagnées');
      expect(text).not.toContain('{');
    }
  });
});
