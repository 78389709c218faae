import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { systemActor } from '../../src/platform/audit';
import { localToday } from '../../src/platform/dates';
import { changeListing } from '../../src/providers/commands';
import { defaultRenewalDue } from '../../src/providers/lifecycle';
import { runProviderRenewalReminders } from '../../src/providers/reminder-job';
import { createOrganisation, createUser } from '../factories';
import { createProviderOrg } from '../factories/consultations';
import { createProfile } from '../factories/providers';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const today = localToday();
const inDays = (n: number) => format(addDays(parseISO(today), n), 'yyyy-MM-dd');
const reminders = (providerId: string) =>
  t
    .db('outbox')
    .where({ kind: 'provider_renewal_reminder' })
    .whereLike('body_text', `%/providers/${providerId}\n%`)
    .orderBy('to_address');

describe('the yearly renewal reminder', () => {
  it('mails the lister’s direction once, 30 days ahead, through the outbox; not the pending, not the later ones', async () => {
    const belfort = await createOrganisation(t.db, { kind: 'operator', department: '90' });
    const doubs = await createOrganisation(t.db, { kind: 'operator', department: '25' });
    const director = await createUser(t.db, { role: 'manager', organisation_id: belfort.id });
    await createUser(t.db, { role: 'manager', organisation_id: belfort.id, status: 'disabled' });
    const coordinator = await createUser(t.db, { role: 'coordinator', organisation_id: belfort.id });
    const doubsDirector = await createUser(t.db, { role: 'manager', organisation_id: doubs.id, locale: 'en' });

    const soon = await createProviderOrg(t.db, { name: 'Bientôt Conseil' });
    await createProfile(t.db, soon.id, { on: inDays(-340), renewal_due_on: inDays(20), lister: director.id });
    const later = await createProviderOrg(t.db);
    await createProfile(t.db, later.id, { on: inDays(-300), renewal_due_on: inDays(40), lister: director.id });
    const pending = await createProviderOrg(t.db);
    await createProfile(t.db, pending.id, { status: 'pending', on: inDays(-10), renewal_due_on: inDays(5) });
    // Listed by nobody known (the demo data, a job): the direction of the operators of the départements served.
    const unknownLister = await createProviderOrg(t.db, { name: 'Doubs Conseil' });
    await createProfile(t.db, unknownLister.id, { on: inDays(-370), renewal_due_on: inDays(-5), departments: ['25'] });

    await runProviderRenewalReminders(t.deps, today);
    await runProviderRenewalReminders(t.deps, today);

    const mails = await reminders(soon.id);
    expect(mails.map((m) => m.to_address)).toEqual([director.email]);
    expect(mails[0].subject).toBe('Référencement à renouveler : Bientôt Conseil');
    expect(mails[0].body_text).toContain(`http://jalons.test/providers/${soon.id}\n`);
    expect(mails.map((m) => m.to_address)).not.toContain(coordinator.email);
    expect(await reminders(later.id)).toHaveLength(0);
    expect(await reminders(pending.id)).toHaveLength(0);
    const doubsMails = await reminders(unknownLister.id);
    expect(doubsMails.map((m) => m.to_address)).toEqual([doubsDirector.email]);
    expect(doubsMails[0].subject).toBe('Listing to renew: Doubs Conseil');

    const row = await t.db('provider_profiles').where({ organisation_id: soon.id }).first();
    expect(row.renewal_reminder_sent_at).not.toBeNull();
    const audits = await t.db('audit_log').where({ action: 'provider.renewal_reminder', entity_id: soon.id });
    expect(audits).toHaveLength(1);
    expect(audits[0].request_id).toBe('job:provider-renewal-reminders');

    // Ten days on, the later one falls within the notice: reminded; the first is not reminded again.
    await runProviderRenewalReminders(t.deps, inDays(10));
    expect(await reminders(later.id)).toHaveLength(1);
    expect(await reminders(soon.id)).toHaveLength(1);

    // Renewed for a year: the reminder is armed again for the next renewal.
    await t.deps.write(systemActor('test'), (w) =>
      changeListing(
        w,
        { id: soon.id, name: soon.name },
        { event: 'renew', happened_on: today, reason: null, renewal_due_on: null },
      ),
    );
    const renewed = await t.db('provider_profiles').where({ organisation_id: soon.id }).first();
    expect(renewed.renewal_reminder_sent_at).toBeNull();
    expect(renewed.renewal_due_on).toBe(defaultRenewalDue(today));
    await runProviderRenewalReminders(t.deps, today);
    expect(await reminders(soon.id)).toHaveLength(1);
  });

  it('shows the direction the renewals due on its home page, not the coordinators', async () => {
    const operator = await createOrganisation(t.db, { kind: 'operator', department: '90' });
    const manager = await createUser(t.db, { role: 'manager', organisation_id: operator.id });
    const coordinator = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
    const p = await createProviderOrg(t.db, { name: 'Renouvellement Proche' });
    await createProfile(t.db, p.id, { on: inDays(-350), renewal_due_on: inDays(15) });

    const m = await loginAs(t.app, manager.email);
    const home = await m.agent.get('/').expect(200);
    expect(home.text).toContain('Référencements à renouveler dans les 30 jours');
    expect(home.text).toContain(`href="/providers/${p.id}"`);
    const c = await loginAs(t.app, coordinator.email);
    expect((await c.agent.get('/').expect(200)).text).not.toContain('Référencements à renouveler');
  });
});
