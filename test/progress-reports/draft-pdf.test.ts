import { memoSize } from '../../src/platform/pdf/memo';
import { createDemoApp, TestApp } from '../support/app';
import { Agent, belfortId, binary, createDraft, loginDemo, pdfText, sha256, status } from './helpers';

// A draft's PDF is drawn from live figures; the drawing is kept per input (src/platform/pdf/memo.ts).
// What a coordinator must never see is an old document after the record changed.
let t: TestApp;
let julie: Agent;
let accId: string;

beforeAll(async () => {
  t = await createDemoApp();
  accId = await belfortId(t.db);
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(() => t.close());

const pdfOf = async (id: string) =>
  (await status(julie.agent.get(`/reports/${id}/pdf`).buffer(true).parse(binary), 200)).body as Buffer;

describe('draft report PDFs', () => {
  it('serves the same document while nothing changed, and a new one as soon as the record or the text changes', async () => {
    const id = await createDraft(julie, accId);
    const before = memoSize();
    const first = await pdfOf(id);
    const again = await pdfOf(id);
    expect(sha256(again)).toBe(sha256(first));
    expect(memoSize()).toBe(before + 1);
    expect(await pdfText(first)).toContain('BROUILLON');

    // The draft's own text changes.
    await t.db('progress_reports').where({ id }).update({ next_steps: 'Signer la convention de GES avant l’été.' });
    const edited = await pdfOf(id);
    expect(sha256(edited)).not.toBe(sha256(first));
    expect((await pdfText(edited)).replace(/\s+/g, ' ')).toContain('Signer la convention de GES avant l’été.');

    // The record changes: one more notice on the case, which the report lists.
    const author = await t.db('users').where({ email: 'coordination@jalons.test' }).first('id');
    await t.db('notices').insert({
      accompaniment_id: accId,
      kind: 'other',
      on_date: '2016-11-20',
      recipients: 'Inspection du travail, Belfort',
      content: 'Information',
      created_by: author.id,
    });
    const recorded = await pdfOf(id);
    expect(sha256(recorded)).not.toBe(sha256(edited));
    expect((await pdfText(recorded)).replace(/\s+/g, ' ')).toContain('Inspection du travail, Belfort');
  });
});
