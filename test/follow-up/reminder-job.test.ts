import { runCheckpointReminders } from '../../src/follow-up/reminder-job';
import { createUser } from '../factories';
import { createTestApp, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';
import { handedOffCase } from './factory';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const reminders = (cpId: string) =>
  t.db('outbox').where({ kind: 'follow_up_reminder' }).whereLike('body_text', `%/checkpoints/${cpId}\n%`);

describe('the daily checkpoint reminder job', () => {
  it('e-mails the named relay users and the coordinator once per due checkpoint, even when run twice', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2016-12-15' }); // due 2017-06-15, 2017-12-15, 2018-06-15
    const [six, twelve] = c.checkpoints;

    await runCheckpointReminders(t.deps, '2017-06-15');
    await runCheckpointReminders(t.deps, '2017-06-16');

    const rows = await reminders(six.id);
    expect(rows.map((r) => r.to_address).sort()).toEqual([c.coordinator.email, c.relay.email].sort());
    expect(rows[0].subject).toContain('Point de suivi à 6 mois');
    expect(rows[0].body_text).toContain('15 juin 2017');
    expect(await reminders(twelve.id)).toHaveLength(0); // not due yet
    // A relay colleague not named in the handoff and the manager receive nothing.
    expect(rows.map((r) => r.to_address)).not.toContain(c.otherRelayColleague.email);

    // Through a real SMTP server: exactly one message each.
    await t.deps.outbox.deliverDue();
    expect(smtp.receivedBy(c.relay.email).filter((m) => m.raw.includes(`/checkpoints/${six.id}`))).toHaveLength(1);
    expect(smtp.receivedBy(c.coordinator.email).filter((m) => m.raw.includes(`/checkpoints/${six.id}`))).toHaveLength(
      1,
    );

    const cp = await t.db('follow_up_checkpoints').where({ id: six.id }).first();
    expect(cp.reminder_sent_at).not.toBeNull();
    const audits = await t.db('audit_log').where({ action: 'follow_up.reminder', entity_id: six.id });
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_id).toBeNull();
    expect(audits[0].request_id).toBe('job:checkpoint-reminders');
  });

  it('sends once when two runs start at the same time', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2015-01-10' });
    const counts = await Promise.all([
      runCheckpointReminders(t.deps, '2016-02-01'),
      runCheckpointReminders(t.deps, '2016-02-01'),
    ]);
    // Both the 6- and 12-month checkpoints are due; each reminded by exactly one of the runs.
    expect(await reminders(c.checkpoints[0].id)).toHaveLength(2);
    expect(await reminders(c.checkpoints[1].id)).toHaveLength(2);
    expect(await reminders(c.checkpoints[2].id)).toHaveLength(0);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'follow_up.reminder' })
        .whereIn(
          'entity_id',
          c.checkpoints.map((x) => x.id),
        ),
    ).toHaveLength(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('sends nothing for a checkpoint already recorded, and skips disabled accounts', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2014-01-10', offsets: [6, 12] });
    await t
      .db('follow_up_checkpoints')
      .where({ id: c.checkpoints[0].id })
      .update({ recorded_at: t.db.fn.now(), recorded_by: c.relay.id, jobs_rating: 'stable' });
    await t.db('users').where({ id: c.coordinator.id }).update({ status: 'disabled' });
    await runCheckpointReminders(t.deps, '2015-06-01');
    expect(await reminders(c.checkpoints[0].id)).toHaveLength(0);
    expect((await reminders(c.checkpoints[1].id)).map((r) => r.to_address)).toEqual([c.relay.email]);
  });

  it('writes the reminder in the recipient’s language', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2013-01-10', offsets: [6] });
    const english = await createUser(t.db, { role: 'relay', organisation_id: c.relayOrg.id, locale: 'en' });
    const handoff = await t.db('handoffs').where({ accompaniment_id: c.acc.id }).first('id');
    await t.db('handoff_members').insert({ handoff_id: handoff.id, user_id: english.id });
    await runCheckpointReminders(t.deps, '2013-07-10');
    const [row] = await reminders(c.checkpoints[0].id).where({ to_address: english.email });
    expect(row.subject).toContain('6-month checkpoint');
    expect(row.body_text).toContain('10 July 2013');
  });
});
