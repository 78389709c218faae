import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-deliverables-'));
  t = await createTestApp({ storageDir, uploadMaxMb: 0.05 }); // 50 KB, so "too big" stays small
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const versionsOf = (id: string) => t.db('deliverable_versions').where({ deliverable_id: id }).orderBy('version');
const statusOf = async (id: string) => (await t.db('deliverables').where({ id }).first('status')).status as string;
type Session = Awaited<ReturnType<typeof loginAs>>;
const upload = (s: Session, id: string, buffer: Buffer, name: string) => s.agent.post(`/deliverables/${id}/versions`).field('_csrf', s.csrf).attach('file', buffer, name);

describe('expected deliverables', () => {
  it('operator staff create one: listed on the accompaniment page, overdue when past its date', async () => {
    const c = await deliveryCase(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const form = await s.agent.get(`/accompaniments/${c.acc.id}/deliverables/new`).expect(200);
    expect(form.text).toContain('Nouveau livrable');
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/deliverables/new`)
      .type('form')
      .send({ _csrf: s.csrf, type: 'fiscal_diagnosis', title: 'Diagnostic fiscal du GES', expected_on: '2016-03-31' })
      .expect(302);
    const row = await t.db('deliverables').where({ accompaniment_id: c.acc.id }).first();
    expect(row).toMatchObject({ type: 'fiscal_diagnosis', title: 'Diagnostic fiscal du GES', status: 'expected' });
    expect(res.headers.location).toBe(`/deliverables/${row.id}`);
    expect(await t.db('audit_log').where({ action: 'deliverable.create', entity_id: String(row.id) }).first()).toBeTruthy();

    const page = await getCaseTab(s.agent, c.acc.id, 'deliverables').expect(200);
    expect(page.text).toContain('Diagnostic fiscal du GES');
    expect(page.text).toContain('Diagnostic fiscal');
    expect(page.text).toContain('31 mars 2016');
    expect(page.text).toContain('En retard');
    expect(page.text).toContain(`href="/accompaniments/${c.acc.id}/deliverables/new"`);
  });

  it('refuses bad input with French messages, keeping what was typed', async () => {
    const c = await deliveryCase(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/deliverables/new`)
      .type('form')
      .send({ _csrf: s.csrf, type: 'poem', title: '', expected_on: '2016-02-31' })
      .expect(422);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toMatch(/Ce champ est obligatoire|obligatoire/);
    expect(res.text).toContain('value="2016-02-31"');
    expect(await t.db('deliverables').where({ accompaniment_id: c.acc.id })).toEqual([]);
  });

  it('only operator staff create deliverables (403 for the provider and the structure; 404 outside)', async () => {
    const c = await deliveryCase(t.db);
    for (const u of [c.provider, c.beneficiary, c.funder]) {
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/accompaniments/${c.acc.id}/deliverables/new`).expect(403);
      await s.agent.post(`/accompaniments/${c.acc.id}/deliverables/new`).type('form').send({ _csrf: s.csrf, type: 'other', title: 'x' }).expect(403);
    }
    const outsider = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
    await outsider.agent.get(`/accompaniments/${c.acc.id}/deliverables/new`).expect(404);
    const page = await loginAs(t.app, c.provider.email);
    expect((await getCaseTab(page.agent, c.acc.id, 'deliverables').expect(200)).text).not.toContain('/deliverables/new');
  });
});

describe('uploading versions', () => {
  it('keeps versions v1 and v2 with their SHA-256, uploader and date; the file downloads', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const v1 = tinyPdf('Plan v1');
    const v2 = tinyPdf('Plan v2');
    await upload(p, id, v1, 'Plan d’actions.pdf').expect(302).expect('Location', `/deliverables/${id}`);
    await upload(p, id, v2, 'Plan d’actions v2.pdf').expect(302);
    const versions = await versionsOf(id);
    expect(versions.map((v) => [v.version, v.sha256, String(v.uploaded_by)])).toEqual([
      [1, sha256(v1), c.provider.id],
      [2, sha256(v2), c.provider.id],
    ]);
    const doc = await t.db('documents').where({ id: versions[1].document_id }).first();
    expect(doc).toMatchObject({ purpose: 'deliverable', filename: 'Plan d’actions v2.pdf', sha256: sha256(v2), accompaniment_id: c.acc.id });

    const page = await p.agent.get(`/deliverables/${id}`).expect(200);
    expect(page.text).toContain(sha256(v1));
    expect(page.text).toContain(sha256(v2));
    expect(page.text).toContain('v2');
    const file = await p.agent.get(`/documents/${doc.id}/download`).buffer(true).parse(binary).expect(200);
    expect(file.body).toEqual(v2);
    // Versions are kept: nobody deletes them through the generic route.
    const s = await loginAs(t.app, c.coordinator.email);
    await s.agent.post(`/documents/${doc.id}/delete`).type('form').send({ _csrf: s.csrf }).expect(403);
  });

  it('judges the content: a text file named .pdf is refused with 422 and a French message', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const res = await upload(p, id, Buffer.from('Ceci est un simple texte, pas un PDF.\n'), 'plan.pdf').expect(422);
    expect(res.text).toContain('Ce type de fichier n’est pas accepté. Formats acceptés : PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG.');
    expect(res.text).toContain(`action="/deliverables/${id}/versions"`);
    expect(await versionsOf(id)).toEqual([]);
  });

  it('refuses an oversized file with 413 and a French page, storing nothing', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const res = await upload(p, id, Buffer.concat([tinyPdf(), Buffer.alloc(60 * 1024, 0x20)]), 'gros.pdf').expect(413);
    expect(res.text).toContain('Ce fichier est trop volumineux : 0,05 Mo au maximum.');
    expect(res.text).toContain('lang="fr"');
    expect(await versionsOf(id)).toEqual([]);
    expect(await t.db('documents').where({ accompaniment_id: c.acc.id })).toEqual([]);
  });

  it('lets neither the structure nor the funder upload (403)', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    for (const u of [c.beneficiary, c.funder]) {
      const s = await loginAs(t.app, u.email);
      await upload(s, id, tinyPdf(), 'x.pdf').expect(403);
    }
    expect(await versionsOf(id)).toEqual([]);
  });
});

describe('the review cycle', () => {
  it('submitted, changes requested with a comment, v2 goes back to submitted, then accepted and frozen', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const s = await loginAs(t.app, c.coordinator.email);

    // Nothing to submit before a version exists.
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    expect(await statusOf(id)).toBe('expected');

    await upload(p, id, tinyPdf('v1'), 'plan.pdf').expect(302);
    expect(await statusOf(id)).toBe('expected');
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    expect(await statusOf(id)).toBe('submitted');

    // The provider does not review.
    await p.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: p.csrf, decision: 'accept' }).expect(403);

    // Asking for changes needs a comment.
    const missing = await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'changes', comment: '  ' }).expect(422);
    expect(missing.text).toContain('Expliquez les modifications demandées.');
    expect(missing.text).toContain('value="changes" id="field-decision-changes" checked');
    expect(await statusOf(id)).toBe('submitted');

    await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'changes', comment: 'Préciser les échéances par structure.' }).expect(302);
    expect(await statusOf(id)).toBe('changes_requested');
    const seen = await p.agent.get(`/deliverables/${id}`).expect(200);
    expect(seen.text).toContain('Préciser les échéances par structure.');
    expect(seen.text).toContain('Modifications demandées');

    // Submitting again without a new version is refused; a new version is the answer.
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    expect(await statusOf(id)).toBe('changes_requested');
    await upload(p, id, tinyPdf('v2'), 'plan v2.pdf').expect(302);
    expect(await statusOf(id)).toBe('submitted');

    await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'accept', comment: '' }).expect(302);
    expect(await statusOf(id)).toBe('accepted');
    const comments = await t.db('deliverable_comments').where({ deliverable_id: id }).orderBy('id');
    expect(comments.map((x) => [x.decision, x.version])).toEqual([
      ['changes_requested', 1],
      ['accepted', 2],
    ]);

    // Accepted: no more versions, no second review.
    const late = await upload(p, id, tinyPdf('v3'), 'plan v3.pdf').expect(422);
    expect(late.text).toContain('Ce livrable est déjà validé');
    expect(await versionsOf(id)).toHaveLength(2);
    const again = await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'changes', comment: 'Encore' }).expect(422);
    expect(again.text).toContain('n’est pas en attente de validation');

    const accPage = await getCaseTab(s.agent, c.acc.id, 'deliverables').expect(200);
    expect(accPage.text).toContain('Validé');
  });
});

describe('confidentiality', () => {
  async function deliverableWithVersion() {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { title: 'Analyse des domaines stratégiques', type: 'strategic_area_analysis' });
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
    await f.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: f.csrf, organisation_id: c.structures[0].id, signatory_name: 'X', given_on: '2016-05-01' }).expect(403);

    // The structure's user consents for its own structure (not for another one).
    const b = await loginAs(t.app, c.beneficiary.email);
    await b.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: b.csrf, organisation_id: c.structures[1].id, signatory_name: 'Odile Perrot', given_on: '2016-05-01' }).expect(403);
    const missing = await b.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: b.csrf, organisation_id: c.structures[0].id, signatory_name: 'Odile Perrot', given_on: '' }).expect(422);
    expect(missing.text).toContain('aria-invalid="true"');
    await f.agent.get(`/documents/${c.docId}/download`).expect(403);
    await b.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: b.csrf, organisation_id: c.structures[0].id, signatory_name: 'Odile Perrot', given_on: '2016-05-01' }).expect(302);
    const consent = await t.db('deliverable_consents').where({ deliverable_id: c.id }).first();
    expect(consent).toMatchObject({ organisation_id: c.structures[0].id, scope: 'funders', signatory_name: 'Odile Perrot', given_by: c.beneficiary.id });

    const file = await f.agent.get(`/documents/${c.docId}/download`).buffer(true).parse(binary).expect(200);
    expect(file.body).toEqual(tinyPdf('Confidentiel'));
    expect((await f.agent.get(`/deliverables/${c.id}`).expect(200)).text).toContain(`/documents/${c.docId}/download`);
    expect((await getCaseTab(f.agent, c.acc.id, 'deliverables').expect(200)).text).toContain('Consenti');
  });

  it('operator staff record a consent on a structure’s behalf, with the signatory’s name', async () => {
    const c = await deliverableWithVersion();
    const s = await loginAs(t.app, c.coordinator.email);
    const bad = await s.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: s.csrf, organisation_id: c.structures[1].id, signatory_name: '', given_on: '2016-05-02' }).expect(422);
    expect(bad.text).toContain('aria-invalid="true"');
    await s.agent.post(`/deliverables/${c.id}/consents`).type('form').send({ _csrf: s.csrf, organisation_id: c.structures[1].id, signatory_name: 'Jean Directeur', given_on: '2016-05-02' }).expect(302);
    const f = await loginAs(t.app, c.funder.email);
    await f.agent.get(`/documents/${c.docId}/download`).expect(200);
  });

  it('a consent on one deliverable does not open another one', async () => {
    const c = await deliverableWithVersion();
    const other = await createDeliverable(t.db, c.acc.id, { title: 'Texte fédérateur', type: 'unifying_text' });
    const p = await loginAs(t.app, c.provider.email);
    await upload(p, other, tinyPdf('Autre'), 'texte.pdf').expect(302);
    const [v] = await versionsOf(other);
    await t.db('deliverable_consents').insert({ deliverable_id: c.id, organisation_id: c.structures[0].id, signatory_name: 'Odile Perrot', given_on: '2016-05-01' });
    const f = await loginAs(t.app, c.funder.email);
    await f.agent.get(`/documents/${c.docId}/download`).expect(200);
    await f.agent.get(`/documents/${v.document_id}/download`).expect(403);
  });

  it('isolates providers: another case’s provider and a losing bidder get 404', async () => {
    const c = await deliverableWithVersion();
    const elsewhere = await deliveryCase(t.db);
    const losing = await createOrganisation(t.db, { kind: 'provider' });
    await t.db('consultation_bids').insert({ accompaniment_id: c.acc.id, provider_id: losing.id, invited_on: '2015-11-01', status: 'not_selected' });
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

    const bad = await p.agent.post(`/deliverables/${id}/actions`).type('form').send({ _csrf: p.csrf, what: 'Mutualiser la comptabilité', owner_organisation_id: '', due_on: '2017-01-01', status: 'open' }).expect(422);
    expect(bad.text).toContain('value="Mutualiser la comptabilité"');
    expect(bad.text).toContain('aria-invalid="true"');
    const foreign = await createOrganisation(t.db, { kind: 'structure' });
    await p.agent.post(`/deliverables/${id}/actions`).type('form').send({ _csrf: p.csrf, what: 'Hors champ', owner_organisation_id: foreign.id, status: 'open' }).expect(422);

    await p.agent
      .post(`/deliverables/${id}/actions`)
      .type('form')
      .send({ _csrf: p.csrf, what: 'Mutualiser la comptabilité', owner_organisation_id: c.structures[0].id, due_on: '2017-01-01', status: 'open' })
      .expect(302);
    const [item] = await t.db('action_items').where({ deliverable_id: id });
    expect(item).toMatchObject({ what: 'Mutualiser la comptabilité', visible: false, status: 'open', accompaniment_id: c.acc.id });
    expect((await p.agent.get(`/deliverables/${id}`).expect(200)).text).toContain('Mutualiser la comptabilité');

    // The case's open actions are listed with its sessions.
    const before = await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200);
    expect(before.text).not.toContain('Mutualiser la comptabilité');
    // Nor can it be changed through the sessions' action-item route before the plan is accepted.
    await s.agent.post(`/action-items/${item.id}`).type('form').send({ _csrf: s.csrf, status: 'done' }).expect(404);

    await upload(p, id, tinyPdf('Plan'), 'plan.pdf').expect(302);
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'changes', comment: 'Ajouter les échéances.' }).expect(302);
    expect((await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200)).text).not.toContain('Mutualiser la comptabilité');

    await upload(p, id, tinyPdf('Plan v2'), 'plan v2.pdf').expect(302);
    await s.agent.post(`/deliverables/${id}/review`).type('form').send({ _csrf: s.csrf, decision: 'accept' }).expect(302);
    const after = await getCaseTab(s.agent, c.acc.id, 'sessions').expect(200);
    expect(after.text).toContain('Mutualiser la comptabilité');
    expect(after.text).toContain('1 janvier 2017');

    // Frozen once accepted.
    await p.agent.post(`/deliverables/${id}/actions`).type('form').send({ _csrf: p.csrf, what: 'Trop tard', owner_organisation_id: c.structures[0].id, status: 'open' }).expect(403);
  });

  it('funders never see the actions of a plan that is not accepted, nor the review comments', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { type: 'action_plan' });
    await t.db('action_items').insert({ accompaniment_id: c.acc.id, deliverable_id: id, what: 'Action secrète', visible: false });
    await t.db('deliverable_comments').insert({ deliverable_id: id, decision: 'changes_requested', body: 'Remarque interne' });
    const f = await loginAs(t.app, c.funder.email);
    const page = await f.agent.get(`/deliverables/${id}`).expect(200);
    expect(page.text).not.toContain('Action secrète');
    expect(page.text).not.toContain('Remarque interne');
    await f.agent.post(`/deliverables/${id}/actions`).type('form').send({ _csrf: f.csrf, what: 'x', owner_organisation_id: c.structures[0].id, status: 'open' }).expect(403);
  });
});
