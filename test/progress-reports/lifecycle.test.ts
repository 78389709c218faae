import { applyReportTransition, REPORT_TRANSITIONS, ReportRefused } from '../../src/progress-reports/lifecycle';
import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { diagnosticCase, funderOf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { createDraft, status } from './helpers';

// The progress report's status table (src/progress-reports/lifecycle.ts): draft → sent, guarded
// (the case has a funder, the report is the version the coordinator saw), refused in French
// otherwise, each move logged; nothing leaves « sent ».
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Session = Awaited<ReturnType<typeof loginAs>>;
const fr = (key: Parameters<typeof translate>[1]) => translate('fr', key);
const reportRow = (id: string) => t.db('progress_reports').where({ id }).first('status', 'lock_version');
const send = async (s: Session, id: string, lockVersion?: string) =>
  s.agent
    .post(`/reports/${id}/send`)
    .type('form')
    .send({ _csrf: s.csrf, lock_version: lockVersion ?? String((await reportRow(id)).lock_version) });
const log = (id: string) =>
  t
    .db('progress_report_transitions')
    .where({ report_id: id })
    .orderBy('id')
    .select('from_status', 'to_status', 'actor_id', 'on_date');

/** The move tried directly, as a job or the CLI would: the refusal's key, or null when it moved. */
const attempt = async (id: string, lockVersion?: number) => {
  try {
    await t.db.transaction((trx) =>
      applyReportTransition(trx, id, 'sent', { actorId: null, onDate: localToday(), lockVersion }),
    );
    return null;
  } catch (err) {
    if (err instanceof ReportRefused) return err.key;
    throw err;
  }
};

describe('the progress report status table', () => {
  it('knows one move, draft → sent', () => {
    expect(REPORT_TRANSITIONS.map((m) => `${m.from} → ${m.to}`)).toEqual(['draft → sent']);
  });

  it('refuses to send the draft of a case without funder, in French, and logs nothing', async () => {
    const c = await diagnosticCase(t.db, { state: 'delivery' });
    const co = await loginAs(t.app, c.coordinator.email);
    const id = await createDraft(co, c.acc.id);
    const refused = await status(send(co, id), 422);
    expect(refused.text).toContain(fr('progressReports.send.noRecipient'));
    expect(await attempt(id)).toBe('progressReports.send.noRecipient');
    expect((await reportRow(id)).status).toBe('draft');
    expect(await log(id)).toEqual([]);
  });

  it('sends a draft once, at the version shown, logs the move, and refuses every move after it', async () => {
    const c = await diagnosticCase(t.db, { state: 'delivery' });
    await funderOf(t.db, c.acc.id);
    const co = await loginAs(t.app, c.coordinator.email);
    const id = await createDraft(co, c.acc.id);

    // A page shown before a change of the draft does not send it.
    const stale = await status(send(co, id, '7'), 409);
    expect(stale.text).toContain(fr('progressReports.send.changed'));
    expect(await attempt(id, 7)).toBe('progressReports.send.changed');
    expect((await reportRow(id)).status).toBe('draft');

    await status(send(co, id), 302);
    expect(await reportRow(id)).toEqual({ status: 'sent', lock_version: 1 });
    expect(await log(id)).toEqual([
      { from_status: 'draft', to_status: 'sent', actor_id: c.coordinator.id, on_date: localToday() },
    ]);

    // Sent is final: a second send, an edit, a move made directly are all refused.
    const again = await status(send(co, id), 409);
    expect(again.text).toContain(fr('progressReports.send.already'));
    expect(await attempt(id)).toBe('progressReports.send.already');
    await status(co.agent.get(`/reports/${id}/edit`), 409);
    expect(await log(id)).toHaveLength(1);
  });
});
