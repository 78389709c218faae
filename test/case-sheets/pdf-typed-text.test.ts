import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { CASE_SHEET_GEOMETRY } from '../../src/case-sheets/pdf-page';
import { columnRects } from '../../src/platform/pdf/columns';
import { columnText, pdfTextItems } from '../support/pdf-text';
import { BROKEN_AMOUNT, expectTypedText, pdfLines, TYPED_TEXT } from '../support/typed-text';
import type request from 'supertest';

// The case sheet prints the close-out texts as the coordinator typed them in the browser.
let t: TestApp;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
}, 60_000);
afterAll(() => t.close());

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the case sheet PDF prints what was typed', () => {
  it('prints the provider’s role line for line with its bullets, the case’s objectives’ list, and the budget on one line', async () => {
    await t
      .db('case_sheets')
      .where({ accompaniment_id: accId })
      .update({ provider_role: TYPED_TEXT, network_role: 'Un appui\r\nsur deux lignes' });
    await t
      .db('accompaniments')
      .where({ id: accId })
      .update({ objectives: 'Trois axes :\r\n- mutualiser\r\n- structurer' });
    const s = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    const res = await s.agent.get(`/accompaniments/${accId}/case-sheet.pdf`).buffer(true).parse(binary).expect(200);
    // The sheet is in two columns: read each page column by column, as a person does.
    const { pages, items } = await pdfTextItems(res.body as Buffer);
    const split = columnRects(CASE_SHEET_GEOMETRY)[1].x - 4;
    const text = Array.from({ length: pages }, (_, i) => columnText(items, i + 1, split)).join('\n');
    expectTypedText(text);
    const lines = pdfLines(text);
    const i = lines.indexOf('Un appui');
    expect(lines[i + 1]).toBe('sur deux lignes');
    const axes = lines.indexOf('Trois axes :');
    expect(lines.slice(axes, axes + 3)).toEqual(['Trois axes :', '• mutualiser', '• structurer']);
    expect(lines.some((l) => l.includes('7 000 €'))).toBe(true);
    expect(text).not.toMatch(BROKEN_AMOUNT);
  });
});
