import request from 'supertest';
import type { Actor } from '../../src/platform/audit';
import { ROLES } from '../../src/platform/auth/session-user';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
let adminUser: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await createUser(t.db, { role: 'admin', name: 'Alice Auditrice' });
  admin = await loginAs(t.app, adminUser.email);
});
afterAll(() => t.close());

const countRows = async (table: string) => Number((await t.db(table).count<{ n: string }[]>('* as n'))[0].n);
const actor = (): Actor => ({ userId: adminUser.id, ip: '203.0.113.7', requestId: 'test-request' });
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** An audit entry written straight into the table, at a chosen time. */
async function insertEntry(fields: {
  action: string;
  entity_type?: string;
  entity_id?: string | null;
  actor_id?: string | null;
  at?: string;
}) {
  await t.db('audit_log').insert({
    action: fields.action,
    entity_type: fields.entity_type ?? 'test',
    entity_id: fields.entity_id ?? null,
    actor_id: fields.actor_id === undefined ? adminUser.id : fields.actor_id,
    ip: '198.51.100.1',
    request_id: 'seeded',
    details: JSON.stringify({}),
    ...(fields.at ? { at: fields.at } : {}),
  });
}

describe('every write leaves an audit entry', () => {
  it('creating an organisation records who, what, which record, from where and which request', async () => {
    const res = await admin.agent
      .post('/organisations')
      .type('form')
      .send({ _csrf: admin.csrf, kind: 'provider', name: 'Cabinet Audité' })
      .expect(302);
    const id = /^\/organisations\/(\d+)$/.exec(res.headers.location)![1];
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const entries = await t.db('audit_log').where({ entity_type: 'organisation', entity_id: id });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(String(entry.actor_id)).toBe(adminUser.id);
    expect(entry.action).toBe('organisation.create');
    expect(entry.entity_type).toBe('organisation');
    expect(entry.entity_id).toBe(id);
    expect(entry.ip).toEqual(expect.any(String));
    expect(entry.ip.length).toBeGreaterThan(0);
    expect(entry.request_id).toBe(requestId);
    expect(entry.details).toMatchObject({ name: 'Cabinet Audité', kind: 'provider' });
  });

  it('a write that succeeds commits the record and its audit entry together', async () => {
    const id = await t.deps.write(actor(), async (w) => {
      const [row] = await w.trx('organisations').insert({ kind: 'relay', name: 'Relais Écrit' }).returning('id');
      await w.audit({ action: 'organisation.create', entityType: 'organisation', entityId: row.id });
      return String(row.id);
    });
    expect(await t.db('organisations').where({ id }).first()).toMatchObject({ name: 'Relais Écrit' });
    const entry = await t.db('audit_log').where({ entity_type: 'organisation', entity_id: id }).first();
    expect(entry).toMatchObject({ action: 'organisation.create', ip: '203.0.113.7', request_id: 'test-request' });
    expect(String(entry.actor_id)).toBe(adminUser.id);
  });

  it('a write that fails leaves neither the record nor its audit entry', async () => {
    const [orgs, entries] = [await countRows('organisations'), await countRows('audit_log')];
    await expect(
      t.deps.write(actor(), async (w) => {
        const [row] = await w.trx('organisations').insert({ kind: 'relay', name: 'Relais Annulé' }).returning('id');
        await w.audit({ action: 'organisation.create', entityType: 'organisation', entityId: row.id });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countRows('organisations')).toBe(orgs);
    expect(await countRows('audit_log')).toBe(entries);
    expect(await t.db('organisations').where({ name: 'Relais Annulé' }).first()).toBeUndefined();
  });

  it('a write without an audit entry is refused and rolled back', async () => {
    const [orgs, entries] = [await countRows('organisations'), await countRows('audit_log')];
    await expect(
      t.deps.write(actor(), async (w) => {
        await w.trx('organisations').insert({ kind: 'relay', name: 'Relais Sans Trace' });
      }),
    ).rejects.toThrow(/audit/);
    expect(await countRows('organisations')).toBe(orgs);
    expect(await countRows('audit_log')).toBe(entries);
    expect(await t.db('organisations').where({ name: 'Relais Sans Trace' }).first()).toBeUndefined();
  });

  it('a form refused by the database (duplicate) writes no audit entry', async () => {
    await createOrganisation(t.db, { kind: 'funder', name: 'Financeur Unique' });
    const entries = await countRows('audit_log');
    await admin.agent
      .post('/organisations')
      .type('form')
      .send({ _csrf: admin.csrf, kind: 'funder', funder_type: 'region', name: 'Financeur Unique' })
      .expect(422);
    expect(await countRows('audit_log')).toBe(entries);
  });
});

describe('the audit log page', () => {
  let bob: Awaited<ReturnType<typeof createUser>>;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    bob = await createUser(t.db, { role: 'coordinator', name: 'Bob Traçable', email: 'bob.tracable@example.test' });
    orgA = (await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet A Journal' })).id;
    orgB = (await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet B Journal' })).id;
    await insertEntry({
      action: 'organisation.update',
      entity_type: 'organisation',
      entity_id: orgA,
      actor_id: bob.id,
      at: '2020-02-10T10:00:00Z',
    });
    await insertEntry({
      action: 'organisation.update',
      entity_type: 'organisation',
      entity_id: orgB,
      at: '2020-01-15T10:00:00Z',
    });
    await insertEntry({ action: 'user.invite', entity_type: 'user', entity_id: bob.id, at: '2020-02-28T11:00:00Z' });
    await insertEntry({
      action: 'outbox.sent',
      entity_type: 'outbox',
      entity_id: '1',
      actor_id: null,
      at: '2020-03-20T10:00:00Z',
    });
  });

  it('lists entries in French, newest first, with who did what to which record', async () => {
    const res = await admin.agent.get('/audit').expect(200);
    expect(res.text).toContain('<h1>Journal d’audit</h1>');
    for (const header of ['Date', 'Personne', 'Action', 'Enregistrement', 'Adresse IP', 'Détails'])
      expect(res.text).toContain(`>${header}</th>`);
    expect(res.text).toContain('10 février 2020 à 11:00'); // 10:00 UTC is 11:00 in Paris
    expect(res.text).toContain('Bob Traçable (bob.tracable@example.test)');
    expect(res.text).toContain(`organisation #${orgA}`);
    expect(res.text).toContain('Système'); // an entry without a person
    expect(res.text.indexOf('20 mars 2020')).toBeLessThan(res.text.indexOf('10 février 2020'));
    expect(res.text.indexOf('10 février 2020')).toBeLessThan(res.text.indexOf('15 janvier 2020'));
  });

  it('filters by action', async () => {
    const res = await admin.agent.get('/audit?action=organisation.update').expect(200);
    expect(occurrences(res.text, '<code>organisation.update</code>')).toBe(2);
    expect(res.text).not.toContain('<code>user.invite</code>');
    expect(res.text).not.toContain('<code>outbox.sent</code>');
    expect(res.text).toMatch(/<option value="organisation.update" selected>/);
  });

  it('filters by record: type and number', async () => {
    const res = await admin.agent.get(`/audit?entity_type=organisation&entity_id=${orgA}`).expect(200);
    expect(res.text).toContain(`organisation #${orgA}`);
    expect(res.text).not.toContain(`organisation #${orgB}`);
    expect(res.text).toContain('1 résultat');
  });

  it('filters by the e-mail of the person who acted', async () => {
    const res = await admin.agent.get('/audit?actor=bob.tracable@example.test').expect(200);
    expect(res.text).toContain(`organisation #${orgA}`);
    expect(res.text).not.toContain(`organisation #${orgB}`);
    expect(res.text).not.toContain('<code>user.invite</code>');
    expect(res.text).toContain('value="bob.tracable@example.test"');
  });

  it('filters by date range, both ends included, and leaves out entries outside it', async () => {
    const res = await admin.agent.get('/audit?from=2020-02-01&to=2020-02-28').expect(200);
    expect(res.text).toContain(`organisation #${orgA}`); // 10 February
    expect(res.text).toContain('<code>user.invite</code>'); // 28 February, the last day
    expect(res.text).not.toContain(`organisation #${orgB}`); // 15 January
    expect(res.text).not.toContain('<code>outbox.sent</code>'); // 20 March
    expect(res.text).toContain('2 résultats');
    expect(res.text).toContain('value="2020-02-01"');
    expect(res.text).toContain('value="2020-02-28"');
  });

  it('says so when nothing matches', async () => {
    const res = await admin.agent.get('/audit?action=nothing.like.this').expect(200);
    expect(res.text).toContain('Aucune entrée ne correspond à ces filtres.');
  });

  it('paginates beyond 50 entries, keeping the filters in the links', async () => {
    for (let i = 0; i < 55; i++)
      await insertEntry({
        action: 'test.bulk',
        entity_id: String(i),
        at: `2019-06-01T10:${String(i).padStart(2, '0')}:00Z`,
      });
    const first = await admin.agent.get('/audit?action=test.bulk').expect(200);
    expect(occurrences(first.text, '<code>test.bulk</code>')).toBe(50);
    expect(first.text).toContain('Page 1 sur 2');
    expect(first.text).toContain('55 résultats');
    expect(first.text).toContain('rel="next" href="?action=test.bulk&amp;page=2"');
    const second = await admin.agent.get('/audit?action=test.bulk&page=2').expect(200);
    expect(occurrences(second.text, '<code>test.bulk</code>')).toBe(5);
    expect(second.text).toContain('Page 2 sur 2');
    expect(second.text).toContain('rel="prev"');
  });

  it('is for admins only', async () => {
    const anonymous = await request(t.app).get('/audit').expect(302);
    expect(anonymous.headers.location).toBe('/login?next=%2Faudit');
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const user = await createUser(t.db, { role });
      const { agent } = await loginAs(t.app, user.email);
      const res = await agent.get('/audit').expect(403);
      expect(res.text).toContain('Accès refusé');
      expect(res.text).not.toContain('Bob Traçable (bob.tracable@example.test)');
    }
  });
});
