import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { localToday } from '../../src/platform/dates';
import { createUser } from '../factories';
import { createActionItem, withdrawStructure } from '../factories/committees';
import { addFunderUser, addProvider } from '../factories/sessions';
import { csrfOf, createTestApp, loginAs, TestApp } from '../support/app';
import { caseTabUrl } from '../support/case-page';
import { handedOffCase, validCheckpoint } from './factory';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const daysAgo = (n: number) => format(addDays(new Date(`${localToday()}T12:00:00`), -n), 'yyyy-MM-dd');

/** A case whose 6-month checkpoint fell due 3 days ago and whose 12-month one fell due 60 days ago. */
async function dueCase() {
  const c = await handedOffCase(t.db);
  await t
    .db('follow_up_checkpoints')
    .where({ id: c.checkpoints[0].id })
    .update({ due_on: daysAgo(60) });
  await t
    .db('follow_up_checkpoints')
    .where({ id: c.checkpoints[1].id })
    .update({ due_on: daysAgo(3) });
  await t
    .db('follow_up_checkpoints')
    .where({ id: c.checkpoints[2].id })
    .update({ due_on: daysAgo(-100) });
  return c;
}

async function postCheckpoint(email: string, id: string, body: Record<string, string>) {
  const { agent } = await loginAs(t.app, email);
  const page = await agent.get(`/checkpoints/${id}`);
  const csrf = page.status === 200 ? csrfOf(page.text) : (await loginAs(t.app, email)).csrf;
  const lock = /name="lock_version" value="(\d+)"/.exec(page.text)?.[1] ?? '0';
  return {
    agent,
    res: await agent
      .post(`/checkpoints/${id}`)
      .type('form')
      .send({ _csrf: csrf, lock_version: lock, ...body }),
  };
}

describe('home pages list the checkpoints to record', () => {
  it('shows due and overdue checkpoints to the relay and to the coordinator, not the upcoming one', async () => {
    const c = await dueCase();
    for (const email of [c.relay.email, c.otherRelayColleague.email, c.coordinator.email, c.manager.email]) {
      const { agent } = await loginAs(t.app, email);
      const home = (await agent.get('/').expect(200)).text;
      expect(home).toContain('Points de suivi à saisir');
      expect(home).toContain(`href="/checkpoints/${c.checkpoints[0].id}"`);
      expect(home).toContain(`href="/checkpoints/${c.checkpoints[1].id}"`);
      expect(home).not.toContain(`href="/checkpoints/${c.checkpoints[2].id}"`);
      expect(home).toMatch(/En retard/);
      expect(home).toMatch(/À saisir/);
    }
  });

  it('shows nothing to a relay of another organisation or a coordinator of another case', async () => {
    const c = await dueCase();
    const otherRelay = await createUser(t.db, { role: 'relay' });
    const colleague = await createUser(t.db, { role: 'coordinator', organisation_id: c.operator.id });
    for (const email of [otherRelay.email, colleague.email]) {
      const { agent } = await loginAs(t.app, email);
      expect((await agent.get('/').expect(200)).text).not.toContain(`/checkpoints/${c.checkpoints[0].id}`);
    }
  });
});

describe('the follow-up list and section', () => {
  it('lists the checkpoints with their status on the follow-up page and on the accompaniment page', async () => {
    const c = await dueCase();
    const { agent } = await loginAs(t.app, c.relay.email);
    for (const path of [`/accompaniments/${c.acc.id}/follow-up`, caseTabUrl(c.acc.id, 'follow-up')]) {
      const html = (await agent.get(path).expect(200)).text;
      expect(html).toContain('À 6 mois');
      expect(html).toContain('À 18 mois');
      expect(html).toContain('follow-up-status--overdue');
      expect(html).toContain('follow-up-status--due');
      expect(html).toContain('follow-up-status--upcoming');
    }
  });
});

describe('recording a checkpoint', () => {
  it('lets the relay record it, prefilled with the open actions; then it is done and off the home page', async () => {
    const c = await dueCase();
    await createActionItem(t.db, c.acc.id, {
      what: 'Fusionner les logiciels de paie',
      owner_name: 'Odile Perrot',
      due_on: '2017-09-30',
    });
    await createActionItem(t.db, c.acc.id, { what: 'Action déjà close', status: 'done' });
    const { agent } = await loginAs(t.app, c.relay.email);
    const form = (await agent.get(`/checkpoints/${c.checkpoints[1].id}`).expect(200)).text;
    expect(form).toContain('- Fusionner les logiciels de paie (Odile Perrot) — 30/09/2017');
    expect(form).not.toContain('Action déjà close');

    const { res } = await postCheckpoint(c.relay.email, c.checkpoints[1].id, validCheckpoint);
    expect(res.status).toBe(302);
    const row = await t.db('follow_up_checkpoints').where({ id: c.checkpoints[1].id }).first();
    expect(row).toMatchObject({
      jobs_rating: 'stable',
      economic_health_rating: 'improved',
      employees: 42,
      employees_in_insertion: 30,
      recorded_by: c.relay.id,
      lock_version: 1,
    });
    expect(row.recorded_at).not.toBeNull();
    expect(await t.db('audit_log').where({ action: 'follow_up.record', entity_id: c.checkpoints[1].id })).toHaveLength(
      1,
    );

    const list = (await agent.get(`/accompaniments/${c.acc.id}/follow-up`).expect(200)).text;
    expect(list).toContain('follow-up-status--done');
    expect((await agent.get('/').expect(200)).text).not.toContain(`href="/checkpoints/${c.checkpoints[1].id}"`);
  });

  it('lets the coordinator record it too, and shows it read-only to the funder', async () => {
    const c = await dueCase();
    const { res } = await postCheckpoint(c.coordinator.email, c.checkpoints[0].id, validCheckpoint);
    expect(res.status).toBe(302);
    const { user: funder } = await addFunderUser(t.db, c.acc.id);
    const { agent } = await loginAs(t.app, funder.email);
    const page = (await agent.get(`/checkpoints/${c.checkpoints[0].id}`).expect(200)).text;
    expect(page).toContain('Effectifs maintenus.');
    expect(page).not.toContain(`action="/checkpoints/${c.checkpoints[0].id}"`);
  });

  it('answers 404 to a relay of another organisation, for reading and for recording', async () => {
    const c = await dueCase();
    const stranger = await createUser(t.db, { role: 'relay' });
    const { agent, csrf } = await loginAs(t.app, stranger.email);
    await agent.get(`/checkpoints/${c.checkpoints[0].id}`).expect(404);
    await agent.get(`/accompaniments/${c.acc.id}/follow-up`).expect(404);
    await agent
      .post(`/checkpoints/${c.checkpoints[0].id}`)
      .type('form')
      .send({ _csrf: csrf, lock_version: '0', ...validCheckpoint })
      .expect(404);
    expect((await t.db('follow_up_checkpoints').where({ id: c.checkpoints[0].id }).first()).recorded_at).toBeNull();
  });

  it('answers 403 to the provider, who reads but does not record', async () => {
    const c = await dueCase();
    const { user: provider } = await addProvider(t.db, c.acc.id);
    const { agent, csrf } = await loginAs(t.app, provider.email);
    const page = (await agent.get(`/checkpoints/${c.checkpoints[0].id}`).expect(200)).text;
    expect(page).not.toContain('name="jobs_rating"');
    await agent
      .post(`/checkpoints/${c.checkpoints[0].id}`)
      .type('form')
      .send({ _csrf: csrf, lock_version: '0', ...validCheckpoint })
      .expect(403);
    expect((await t.db('follow_up_checkpoints').where({ id: c.checkpoints[0].id }).first()).recorded_at).toBeNull();
  });

  it('re-renders bad input with French messages and the input kept (422), saving nothing', async () => {
    const c = await dueCase();
    const bad = {
      ...validCheckpoint,
      jobs_rating: 'excellent',
      employees: '-3',
      employees_in_insertion: '12',
      notes: 'Mes notes à garder',
    };
    const { res } = await postCheckpoint(c.relay.email, c.checkpoints[0].id, bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choisissez une valeur dans la liste.');
    expect(res.text).toContain('Saisissez un nombre entier positif ou nul, ou laissez vide.');
    expect(res.text).toContain('Mes notes à garder');
    expect(res.text).toContain('value="-3"');
    expect(res.text).toContain('Effectifs maintenus.');

    const above = await postCheckpoint(c.relay.email, c.checkpoints[0].id, {
      ...validCheckpoint,
      employees: '10',
      employees_in_insertion: '11',
    });
    expect(above.res.status).toBe(422);
    expect(above.res.text).toContain('Le nombre de salariés en insertion ne peut pas dépasser le total.');
    expect((await t.db('follow_up_checkpoints').where({ id: c.checkpoints[0].id }).first()).recorded_at).toBeNull();
  });

  it('answers 409 with the input kept when someone saved in between', async () => {
    const c = await dueCase();
    const first = await loginAs(t.app, c.relay.email);
    const stale = (await first.agent.get(`/checkpoints/${c.checkpoints[0].id}`).expect(200)).text;
    expect((await postCheckpoint(c.coordinator.email, c.checkpoints[0].id, validCheckpoint)).res.status).toBe(302);
    const res = await first.agent
      .post(`/checkpoints/${c.checkpoints[0].id}`)
      .type('form')
      .send({
        _csrf: csrfOf(stale),
        lock_version: /name="lock_version" value="(\d+)"/.exec(stale)![1],
        ...validCheckpoint,
        notes: 'Ma version à moi',
      });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Quelqu’un a enregistré ce point de suivi entre-temps.');
    expect(res.text).toContain('Ma version à moi');
    expect(res.text).toContain('name="lock_version" value="1"');
    expect((await t.db('follow_up_checkpoints').where({ id: c.checkpoints[0].id }).first()).notes).toBe(
      validCheckpoint.notes,
    );
  });
});

describe('a withdrawn structure rejoining at follow-up', () => {
  it('lets the coordinator bring it back while the case is in follow-up', async () => {
    const c = await dueCase();
    const structure = c.acc.structures[0];
    await withdrawStructure(t.db, c.acc.id, structure.id);
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    const res = await agent
      .post(`/accompaniments/${c.acc.id}/beneficiaries/${structure.id}/rejoin`)
      .type('form')
      .send({ _csrf: csrf, on_date: localToday() });
    expect(res.status).toBe(302);
    const b = await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.acc.id, organisation_id: structure.id })
      .first();
    expect(b.status).toBe('active');
    expect(
      await t
        .db('beneficiary_changes')
        .where({ accompaniment_id: c.acc.id, organisation_id: structure.id, change: 'rejoined' }),
    ).toHaveLength(1);
  });
});
