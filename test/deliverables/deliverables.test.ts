import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createUser } from '../factories';
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
const upload = (s: Session, id: string, buffer: Buffer, name: string) =>
  s.agent.post(`/deliverables/${id}/versions`).field('_csrf', s.csrf).attach('file', buffer, name);

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
    expect(
      await t
        .db('audit_log')
        .where({ action: 'deliverable.create', entity_id: String(row.id) })
        .first(),
    ).toBeTruthy();

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
      await s.agent
        .post(`/accompaniments/${c.acc.id}/deliverables/new`)
        .type('form')
        .send({ _csrf: s.csrf, type: 'other', title: 'x' })
        .expect(403);
    }
    const outsider = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
    await outsider.agent.get(`/accompaniments/${c.acc.id}/deliverables/new`).expect(404);
    const page = await loginAs(t.app, c.provider.email);
    expect((await getCaseTab(page.agent, c.acc.id, 'deliverables').expect(200)).text).not.toContain(
      '/deliverables/new',
    );
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
    expect(doc).toMatchObject({
      purpose: 'deliverable',
      filename: 'Plan d’actions v2.pdf',
      sha256: sha256(v2),
      accompaniment_id: c.acc.id,
    });

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
    expect(res.text).toContain(
      'Ce type de fichier n’est pas accepté. Formats acceptés : PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG.',
    );
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
    await p.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: p.csrf, decision: 'accept' })
      .expect(403);

    // Asking for changes needs a comment.
    const missing = await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'changes', comment: '  ' })
      .expect(422);
    expect(missing.text).toContain('Expliquez les modifications demandées.');
    expect(missing.text).toContain('value="changes" id="field-decision-changes" checked');
    expect(await statusOf(id)).toBe('submitted');

    await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'changes', comment: 'Préciser les échéances par structure.' })
      .expect(302);
    expect(await statusOf(id)).toBe('changes_requested');
    const seen = await p.agent.get(`/deliverables/${id}`).expect(200);
    expect(seen.text).toContain('Préciser les échéances par structure.');
    expect(seen.text).toContain('Modifications demandées');

    // Submitting again without a new version is refused; a new version is the answer.
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    expect(await statusOf(id)).toBe('changes_requested');
    await upload(p, id, tinyPdf('v2'), 'plan v2.pdf').expect(302);
    expect(await statusOf(id)).toBe('submitted');

    await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'accept', comment: '' })
      .expect(302);
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
    const again = await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'changes', comment: 'Encore' })
      .expect(422);
    expect(again.text).toContain('n’est pas en attente de validation');

    const accPage = await getCaseTab(s.agent, c.acc.id, 'deliverables').expect(200);
    expect(accPage.text).toContain('Validé');
  });
});
