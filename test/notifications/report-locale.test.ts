import { createDemoApp, TestApp } from '../support/app';
import { Agent, belfortId, createDraft, loginDemo, status } from '../progress-reports/helpers';

let t: TestApp;
let accId: string;
let julie: Agent;
beforeAll(async () => {
  t = await createDemoApp();
  accId = await belfortId(t.db);
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(() => t.close());

describe('report received, to the funders', () => {
  it('is written in each funder account’s language, in French to an organisation’s own address', async () => {
    await t.db('users').where({ email: 'financeur@jalons.test' }).update({ locale: 'en' });
    const funder = await t.db('users').where({ email: 'financeur@jalons.test' }).first('organisation_id');
    await t
      .db('organisations')
      .where({ id: funder.organisation_id })
      .update({ email: 'ddets-secretariat@example.test' });
    const id = await createDraft(julie, accId, { title: 'Rapport de décembre' });
    const { lock_version } = await t.db('progress_reports').where({ id }).first('lock_version');
    await status(
      julie.agent
        .post(`/reports/${id}/send`)
        .type('form')
        .send({ _csrf: julie.csrf, lock_version: String(lock_version) }),
      302,
    );
    const mails = await t
      .db('progress_report_recipients as pr')
      .join('outbox as m', 'm.id', 'pr.outbox_id')
      .where('pr.report_id', id)
      .select('m.to_address', 'm.subject', 'm.body_text', 'm.status');
    const funderAccount = mails.find((m) => m.to_address === 'financeur@jalons.test');
    expect(funderAccount?.subject).toMatch(/^Progress report — /);
    // The organisation's own address stays in French; none is held for a digest (the PDF is attached).
    const organisation = mails.find((m) => m.to_address === 'ddets-secretariat@example.test');
    expect(organisation?.subject).toMatch(/^Rapport d’étape/);
    expect(mails.every((m) => m.status === 'pending')).toBe(true);
  });
});
