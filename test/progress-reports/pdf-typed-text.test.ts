import { createDemoApp, TestApp } from '../support/app';
import { BROKEN_AMOUNT, expectTypedText, pdfLines, TYPED_TEXT } from '../support/typed-text';
import { Agent, belfortId, binary, createDraft, loginDemo, pdfText, status } from './helpers';

// A progress report prints its texts as the coordinator typed them in the browser's text boxes.
let t: TestApp;
let julie: Agent;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = await belfortId(t.db);
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(() => t.close());

describe('the progress report PDF prints what was typed', () => {
  it('prints next steps, risks and a withdrawal’s reasons line for line, lists as bullets, amounts on one line', async () => {
    const id = await createDraft(julie, accId, {
      next_steps: TYPED_TEXT,
      risks: 'Un seul risque\r\n\r\n- la trésorerie : 7 500 € à trouver',
    });
    const chamois = await t.db('organisations').where({ name: 'Chamois' }).first('id');
    // The reasons as typed in the withdrawal form: the structure's row and its history.
    const reasons = '- activité arrêtée\r\n- bénévoles partis';
    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: accId, organisation_id: chamois.id })
      .update({ withdrawal_reasons: reasons });
    await t
      .db('beneficiary_changes')
      .where({ accompaniment_id: accId, organisation_id: chamois.id, change: 'withdrawn' })
      .update({ reasons });
    const res = await status(julie.agent.get(`/reports/${id}/pdf`).buffer(true).parse(binary), 200);
    const text = await pdfText(res.body as Buffer);
    expectTypedText(text);
    const lines = pdfLines(text);
    expect(lines).toContain('Un seul risque');
    expect(lines).toContain('• la trésorerie : 7 500 € à trouver');
    const printed = lines.indexOf('Raisons :');
    expect(lines.slice(printed, printed + 3)).toEqual(['Raisons :', '• activité arrêtée', '• bénévoles partis']);
    expect(text).not.toMatch(BROKEN_AMOUNT);
  });
});
