import { createAccompanimentOf } from '../factories/structures';
import { createUser } from '../factories';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { closeOutCase, createRelay, handOff } from './fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const mails = (address: string, kind: string) =>
  t.db('outbox').where({ to_address: address, kind }).select('body_text');
const handoffRow = (id: string) => t.db('handoffs').where({ id }).first();

async function handedOffCase() {
  const c = await closeOutCase(t);
  const { relay, users } = await createRelay(t.db);
  const { id, coordinator } = await handOff(t, c, relay.id, [users[0].id, users[1].id]);
  return { ...c, relay, relayUsers: users, handoffId: id, coordinatorSession: coordinator };
}

describe('the relay’s access', () => {
  it('is limited to the accompaniments handed to its organisation (404 elsewhere, and for another relay)', async () => {
    const c = await handedOffCase();
    const r = await loginAs(t.app, c.relayUsers[0].email);
    await r.agent.get(`/accompaniments/${c.accId}`).expect(200);
    const notHanded = await createAccompanimentOf(t.db, c.operator.id, { state: 'follow_up' });
    await r.agent.get(`/accompaniments/${notHanded.id}`).expect(404);
    const list = await r.agent.get('/accompaniments').expect(200);
    expect(list.text).toContain(`/accompaniments/${c.accId}`);
    expect(list.text).not.toContain(`/accompaniments/${notHanded.id}"`);

    const other = await createRelay(t.db, ['Relais Voisin']);
    const o = await loginAs(t.app, other.users[0].email);
    await o.agent.get(`/handoffs/${c.handoffId}`).expect(404);
    await o.agent.get(`/accompaniments/${c.accId}`).expect(404);
    await o.agent.post(`/handoffs/${c.handoffId}/acknowledge`).type('form').send({ _csrf: o.csrf }).expect(404);
    await o.agent.get(`/documents/${c.sharedDoc}/download`).expect(404);
  });

  it('writes nothing on the case but the acknowledgement', async () => {
    const c = await handedOffCase();
    const r = await loginAs(t.app, c.relayUsers[0].email);
    await r.agent
      .post(`/accompaniments/${c.accId}/sessions`)
      .type('form')
      .send({ _csrf: r.csrf, type: 'follow_up', title: 'Point' })
      .expect(403);
    await r.agent
      .post(`/action-items/${c.actions.open.id}`)
      .type('form')
      .send({ _csrf: r.csrf, status: 'done' })
      .expect(403);
    await r.agent.post(`/handoffs/${c.handoffId}/remind`).type('form').send({ _csrf: r.csrf }).expect(403);
  });
});

describe('acknowledgement', () => {
  it('is waited for on the coordinator’s section and home panel, given by the relay only, then shown as acknowledged', async () => {
    const c = await handedOffCase();
    const s = c.coordinatorSession;
    const section = await getCaseTab(s.agent, c.accId, 'handoffs').expect(200);
    expect(section.text).toContain('En attente d’accusé de réception');
    const home = await s.agent.get('/').expect(200);
    expect(home.text).toContain('Passages de relais en attente d’accusé de réception');
    expect(home.text).toContain(`/handoffs/${c.handoffId}`);

    await s.agent.post(`/handoffs/${c.handoffId}/acknowledge`).type('form').send({ _csrf: s.csrf }).expect(403);
    expect((await handoffRow(c.handoffId)).acknowledged_at).toBeNull();

    const r = await loginAs(t.app, c.relayUsers[1].email);
    const relayHome = await r.agent.get('/').expect(200);
    expect(relayHome.text).toContain('Accompagnements confiés à votre réseau');
    expect(relayHome.text).toContain(`/handoffs/${c.handoffId}`);
    const pkg = await r.agent.get(`/handoffs/${c.handoffId}`).expect(200);
    expect(pkg.text).toContain('Accuser réception du dossier');
    await r.agent.post(`/handoffs/${c.handoffId}/acknowledge`).type('form').send({ _csrf: r.csrf }).expect(302);
    const h = await handoffRow(c.handoffId);
    expect(h.acknowledged_at).not.toBeNull();
    expect(String(h.acknowledged_by)).toBe(c.relayUsers[1].id);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'handoff.acknowledge', entity_id: c.handoffId, actor_id: c.relayUsers[1].id })
        .first(),
    ).toBeDefined();
    const [mail] = await mails(c.coordinator.email, 'handoff_acknowledged');
    expect(mail.body_text).toContain(c.relayUsers[1].name);

    // Twice changes nothing and mails nobody again.
    await r.agent.post(`/handoffs/${c.handoffId}/acknowledge`).type('form').send({ _csrf: r.csrf }).expect(302);
    expect(await mails(c.coordinator.email, 'handoff_acknowledged')).toHaveLength(1);

    const after = await getCaseTab(s.agent, c.accId, 'handoffs').expect(200);
    expect(after.text).toContain('Réception accusée le');
    expect(after.text).not.toContain('En attente d’accusé de réception');
    const homeAfter = await s.agent.get('/').expect(200);
    expect(homeAfter.text).not.toContain(`/handoffs/${c.handoffId}`);
  });
});

describe('reminders', () => {
  it('mail the relay members, at most once a day (refused in French otherwise), and are counted', async () => {
    const c = await handedOffCase();
    const s = c.coordinatorSession;
    await s.agent.post(`/handoffs/${c.handoffId}/remind`).type('form').send({ _csrf: s.csrf }).expect(302);
    for (const u of c.relayUsers) {
      const [mail, ...more] = await mails(u.email, 'handoff_reminder');
      expect(more).toHaveLength(0);
      expect(mail.body_text).toContain(`/handoffs/${c.handoffId}`);
    }
    expect((await handoffRow(c.handoffId)).reminder_count).toBe(1);

    const refused = await s.agent
      .post(`/handoffs/${c.handoffId}/remind`)
      .type('form')
      .send({ _csrf: s.csrf })
      .expect(429);
    expect(refused.text).toContain('Un rappel a déjà été envoyé aujourd’hui');
    expect(await mails(c.relayUsers[0].email, 'handoff_reminder')).toHaveLength(1);
    expect((await handoffRow(c.handoffId)).reminder_count).toBe(1);
    const page = await s.agent.get(`/handoffs/${c.handoffId}`).expect(200);
    expect(page.text).toContain('Rappel déjà envoyé aujourd’hui');

    // The next day, the coordinator may remind again.
    await t
      .db('handoffs')
      .where({ id: c.handoffId })
      .update({ last_reminded_at: new Date(Date.now() - 26 * 3600_000) });
    await s.agent.post(`/handoffs/${c.handoffId}/remind`).type('form').send({ _csrf: s.csrf }).expect(302);
    expect((await handoffRow(c.handoffId)).reminder_count).toBe(2);
    expect(await mails(c.relayUsers[0].email, 'handoff_reminder')).toHaveLength(2);
  });

  it('are not offered once the relay acknowledged (403)', async () => {
    const c = await handedOffCase();
    await t
      .db('handoffs')
      .where({ id: c.handoffId })
      .update({ acknowledged_at: new Date(), acknowledged_by: c.relayUsers[0].id });
    const s = c.coordinatorSession;
    await s.agent.post(`/handoffs/${c.handoffId}/remind`).type('form').send({ _csrf: s.csrf }).expect(403);
  });
});

describe('read-only history for former participants', () => {
  it('the provider reads the case and its sessions but no longer logs, updates actions or uploads', async () => {
    const c = await handedOffCase();
    const p = await loginAs(t.app, c.consultant.email);
    await p.agent.get(`/accompaniments/${c.accId}`).expect(200);
    // Its workspace no longer offers what would be refused.
    const home = await p.agent.get('/').expect(200);
    expect(home.text).toContain(`/accompaniments/${c.accId}"`);
    expect(home.text).not.toContain(`/accompaniments/${c.accId}/sessions/new`);
    expect(home.text).not.toContain('#upload-title');
    await p.agent.get(`/sessions/${c.session.id}`).expect(200);
    await p.agent.get(`/accompaniments/${c.accId}/sessions/new`).expect(403);
    await p.agent
      .post(`/accompaniments/${c.accId}/sessions`)
      .type('form')
      .send({ _csrf: p.csrf, type: 'follow_up', title: 'Point de suivi' })
      .expect(403);
    await p.agent.get(`/sessions/${c.session.id}/edit`).expect(403);
    await p.agent
      .post(`/action-items/${c.actions.open.id}`)
      .type('form')
      .send({ _csrf: p.csrf, status: 'done' })
      .expect(403);
    const deliverable = await t.db('deliverable_versions').where({ document_id: c.sharedDoc }).first('deliverable_id');
    await p.agent
      .post(`/deliverables/${deliverable.deliverable_id}/versions`)
      .field('_csrf', p.csrf)
      .attach('file', tinyPdf('v2'), 'v2.pdf')
      .expect(403);
    expect((await t.db('action_items').where({ id: c.actions.open.id }).first('status')).status).toBe('open');
    // The package is the operator's and the relay's, not the provider's.
    await p.agent.get(`/handoffs/${c.handoffId}`).expect(403);
  });

  it('the structure’s users keep reading; the operator keeps reading and running the case', async () => {
    const c = await handedOffCase();
    const b = await loginAs(t.app, c.beneficiaryUser.email);
    await b.agent.get(`/accompaniments/${c.accId}`).expect(200);
    await b.agent.get(`/sessions/${c.session.id}`).expect(200);
    const manager = await loginAs(t.app, c.manager.email);
    await manager.agent.get(`/handoffs/${c.handoffId}`).expect(200);
    await manager.agent.get(`/sessions/${c.session.id}/edit`).expect(200);
    const admin = await createUser(t.db, { role: 'admin', organisation_id: c.operator.id });
    const a = await loginAs(t.app, admin.email);
    await a.agent.get(`/handoffs/${c.handoffId}`).expect(200);
  });
});
