import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// Who reads a deliverable's content (consents for funders, isolation of providers), and the
// provider's action plans.
let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-deliverables-'));
  t = await createTestApp({ storageDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const versionsOf = (id: string) => t.db('deliverable_versions').where({ deliverable_id: id }).orderBy('version');
type Session = Awaited<ReturnType<typeof loginAs>>;
const upload = (s: Session, id: string, buffer: Buffer, name: string) =>
  s.agent.post(`/deliverables/${id}/versions`).field('_csrf', s.csrf).attach('file', buffer, name);

describe('confidentiality', () => {
  async function deliverableWithVersion() {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, {
      title: 'Analyse des domaines stratégiques',
      type: 'strategic_area_analysis',
    });
    const p = await loginAs(t.app, c.provider.email);
    await upload(p, id, tinyPdf('Confidentiel'), 'analyse.pdf').expect(302);
    const [v] = await versionsOf(id);
    return { ...c, id, docId: String(v.document_id) };
  }

  it('the operator, the provider and the structures read the content', async () => {
    const c = await deliverableWithVersion();
    for (const u of [c.coordinator, c.provider, c.beneficiary]) {
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/documents/${c.docId}/download`).expect(200);
      expect((await s.agent.get(`/deliverables/${c.id}`).expect(200)).text).toContain(`/documents/${c.docId}/download`);
    }
  });

  it('a funder sees the title and status but cannot download without consent; with consent it can', async () => {
    const c = await deliverableWithVersion();
    const f = await loginAs(t.app, c.funder.email);
    const acc = await getCaseTab(f.agent, c.acc.id, 'deliverables').expect(200);
    expect(acc.text).toContain('Analyse des domaines stratégiques');
    const page = await f.agent.get(`/deliverables/${c.id}`).expect(200);
    expect(page.text).toContain('Analyse des domaines stratégiques');
    expect(page.text).toContain('Attendu');
    expect(page.text).not.toContain(`/documents/${c.docId}/download`);
    expect(page.text).not.toContain('analyse.pdf');
    await f.agent.get(`/documents/${c.docId}/download`).expect(403);
    // The funder cannot consent for the structures.
    await f.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({ _csrf: f.csrf, organisation_id: c.structures[0].id, signatory_name: 'X', given_on: '2016-05-01' })
      .expect(403);

    // The structure's user consents for its own structure (not for another one).
    const b = await loginAs(t.app, c.beneficiary.email);
    await b.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({
        _csrf: b.csrf,
        organisation_id: c.structures[1].id,
        signatory_name: 'Odile Perrot',
        given_on: '2016-05-01',
      })
      .expect(403);
    const missing = await b.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({ _csrf: b.csrf, organisation_id: c.structures[0].id, signatory_name: 'Odile Perrot', given_on: '' })
      .expect(422);
    expect(missing.text).toContain('aria-invalid="true"');
    await f.agent.get(`/documents/${c.docId}/download`).expect(403);
    await b.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({
        _csrf: b.csrf,
        organisation_id: c.structures[0].id,
        signatory_name: 'Odile Perrot',
        given_on: '2016-05-01',
      })
      .expect(302);
    const consent = await t.db('deliverable_consents').where({ deliverable_id: c.id }).first();
    expect(consent).toMatchObject({
      organisation_id: c.structures[0].id,
      scope: 'funders',
      signatory_name: 'Odile Perrot',
      given_by: c.beneficiary.id,
    });

    const file = await f.agent.get(`/documents/${c.docId}/download`).buffer(true).parse(binary).expect(200);
    expect(file.body).toEqual(tinyPdf('Confidentiel'));
    expect((await f.agent.get(`/deliverables/${c.id}`).expect(200)).text).toContain(`/documents/${c.docId}/download`);
    expect((await getCaseTab(f.agent, c.acc.id, 'deliverables').expect(200)).text).toContain('Consenti');
  });

  it('operator staff record a consent on a structure’s behalf, with the signatory’s name', async () => {
    const c = await deliverableWithVersion();
    const s = await loginAs(t.app, c.coordinator.email);
    const bad = await s.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({ _csrf: s.csrf, organisation_id: c.structures[1].id, signatory_name: '', given_on: '2016-05-02' })
      .expect(422);
    expect(bad.text).toContain('aria-invalid="true"');
    await s.agent
      .post(`/deliverables/${c.id}/consents`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: c.structures[1].id,
        signatory_name: 'Jean Directeur',
        given_on: '2016-05-02',
      })
      .expect(302);
    const f = await loginAs(t.app, c.funder.email);
    await f.agent.get(`/documents/${c.docId}/download`).expect(200);
  });

  it('a consent on one deliverable does not open another one', async () => {
    const c = await deliverableWithVersion();
    const other = await createDeliverable(t.db, c.acc.id, { title: 'Texte fédérateur', type: 'unifying_text' });
    const p = await loginAs(t.app, c.provider.email);
    await upload(p, other, tinyPdf('Autre'), 'texte.pdf').expect(302);
    const [v] = await versionsOf(other);
    await t.db('deliverable_consents').insert({
      deliverable_id: c.id,
      organisation_id: c.structures[0].id,
      signatory_name: 'Odile Perrot',
      given_on: '2016-05-01',
    });
    const f = await loginAs(t.app, c.funder.email);
    await f.agent.get(`/documents/${c.docId}/download`).expect(200);
    await f.agent.get(`/documents/${v.document_id}/download`).expect(403);
  });

  it('isolates providers: another case’s provider and a losing bidder get 404', async () => {
    const c = await deliverableWithVersion();
    const elsewhere = await deliveryCase(t.db);
    const losing = await createOrganisation(t.db, { kind: 'provider' });
    await t
      .db('consultation_bids')
      .insert({ accompaniment_id: c.acc.id, provider_id: losing.id, invited_on: '2015-11-01', status: 'not_selected' });
    const loser = await createUser(t.db, { role: 'provider', organisation_id: losing.id });
    for (const u of [elsewhere.provider, loser]) {
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/deliverables/${c.id}`).expect(404);
      await s.agent.get(`/documents/${c.docId}/download`).expect(404);
      await upload(s, c.id, tinyPdf(), 'intrus.pdf').expect(404);
      await s.agent.post(`/deliverables/${c.id}/submit`).type('form').send({ _csrf: s.csrf }).expect(404);
    }
    const funderElsewhere = await loginAs(t.app, elsewhere.funder.email);
    await funderElsewhere.agent.get(`/deliverables/${c.id}`).expect(404);
  });
});

describe('action plans', () => {
  it('the provider records actions; they join the accompaniment’s open actions only once the plan is accepted', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { type: 'action_plan' });
    const p = await loginAs(t.app, c.provider.email);
    const s = await loginAs(t.app, c.coordinator.email);

    const bad = await p.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({
        _csrf: p.csrf,
        what: 'Mutualiser la comptabilité',
        owner_organisation_id: '',
        due_on: '2017-01-01',
        status: 'open',
      })
      .expect(422);
    expect(bad.text).toContain('value="Mutualiser la comptabilité"');
    expect(bad.text).toContain('aria-invalid="true"');
    const foreign = await createOrganisation(t.db, { kind: 'structure' });
    await p.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({ _csrf: p.csrf, what: 'Hors champ', owner_organisation_id: foreign.id, status: 'open' })
      .expect(422);

    await p.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({
        _csrf: p.csrf,
        what: 'Mutualiser la comptabilité',
        owner_organisation_id: c.structures[0].id,
        due_on: '2017-01-01',
        status: 'open',
      })
      .expect(302);
    const [item] = await t.db('action_items').where({ deliverable_id: id });
    expect(item).toMatchObject({
      what: 'Mutualiser la comptabilité',
      visible: false,
      status: 'open',
      accompaniment_id: c.acc.id,
    });
    expect((await p.agent.get(`/deliverables/${id}`).expect(200)).text).toContain('Mutualiser la comptabilité');

    // The case's open actions are listed with its sessions.
    const before = await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200);
    expect(before.text).not.toContain('Mutualiser la comptabilité');
    // Nor can it be changed through the sessions' action-item route before the plan is accepted.
    await s.agent.post(`/action-items/${item.id}`).type('form').send({ _csrf: s.csrf, status: 'done' }).expect(404);

    await upload(p, id, tinyPdf('Plan'), 'plan.pdf').expect(302);
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'changes', comment: 'Ajouter les échéances.' })
      .expect(302);
    expect((await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200)).text).not.toContain(
      'Mutualiser la comptabilité',
    );

    await upload(p, id, tinyPdf('Plan v2'), 'plan v2.pdf').expect(302);
    await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'accept' })
      .expect(302);
    const after = await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200);
    expect(after.text).toContain('Mutualiser la comptabilité');
    expect(after.text).toContain('1er janvier 2017');

    // Frozen once accepted.
    await p.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({ _csrf: p.csrf, what: 'Trop tard', owner_organisation_id: c.structures[0].id, status: 'open' })
      .expect(403);
  });

  it('funders never see the actions of a plan that is not accepted, nor the review comments', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { type: 'action_plan' });
    await t
      .db('action_items')
      .insert({ accompaniment_id: c.acc.id, deliverable_id: id, what: 'Action secrète', visible: false });
    await t
      .db('deliverable_comments')
      .insert({ deliverable_id: id, decision: 'changes_requested', body: 'Remarque interne' });
    const f = await loginAs(t.app, c.funder.email);
    const page = await f.agent.get(`/deliverables/${id}`).expect(200);
    expect(page.text).not.toContain('Action secrète');
    expect(page.text).not.toContain('Remarque interne');
    await f.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({ _csrf: f.csrf, what: 'x', owner_organisation_id: c.structures[0].id, status: 'open' })
      .expect(403);
  });
});
