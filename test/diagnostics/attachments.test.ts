import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request } from 'express';
import request from 'supertest';
import { ConfigError, loadConfig, ROOT } from '../../src/config';
import { LocalDiskStorage } from '../../src/platform/storage';
import { storeDocument } from '../../src/documents/store';
import { inspectUpload } from '../../src/platform/uploads';
import type { Writer } from '../../src/platform/write';
import { createUser } from '../factories';
import {
  beneficiaryOf,
  diagnosticCase,
  funderOf,
  selectedProvider,
  tinyPdf,
  writeDiagnostic,
} from '../factories/diagnostics';
import { caseUrl } from '../../src/accompaniments/tabs';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-files-'));
  t = await createTestApp({ storageDir, uploadMaxMb: 0.05 }); // 50 KB, so "too big" stays small
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesOnDisk = (): string[] =>
  (fs.readdirSync(storageDir, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(storageDir, f)).isFile(),
  );
const documentsOf = (accId: string) => t.db('documents').where({ accompaniment_id: accId }).orderBy('id');
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function caseWithCoordinator() {
  const c = await diagnosticCase(t.db);
  await writeDiagnostic(t.db, c.acc.id);
  const session = await loginAs(t.app, c.coordinator.email);
  const upload = (buffer: Buffer, filename: string, csrf: string | null = session.csrf) => {
    const req = session.agent.post(`/accompaniments/${c.acc.id}/diagnostic/attachments`);
    if (csrf !== null) req.field('_csrf', csrf);
    return req.attach('file', buffer, filename);
  };
  return { ...c, ...session, upload };
}

describe('attaching files to the diagnostic', () => {
  it('accepts a real PDF: stored with its SHA-256, name, type, size and uploader, listed on the page', async () => {
    const c = await caseWithCoordinator();
    const pdf = tinyPdf();
    await c.upload(pdf, 'Diagnostic signé – GES.pdf').expect(302).expect('Location', caseUrl(c.acc.id, 'diagnostic'));

    const [doc] = await documentsOf(c.acc.id);
    expect(doc).toMatchObject({
      purpose: 'diagnostic_attachment',
      filename: 'Diagnostic signé – GES.pdf',
      mime_type: 'application/pdf',
      sha256: sha256(pdf),
      uploaded_by: c.coordinator.id,
    });
    expect(Number(doc.size_bytes)).toBe(pdf.length);
    expect(fs.readFileSync(path.join(storageDir, ...doc.storage_key.split('/')))).toEqual(pdf);
    expect(doc.storage_key).not.toContain('GES');
    const audit = await t.db('audit_log').where({ action: 'diagnostic.attachment_add', entity_id: c.acc.id }).first();
    expect(JSON.stringify(audit.details)).toContain(sha256(pdf));

    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain('« Diagnostic signé – GES.pdf » est joint au diagnostic.');
    expect(page.text).toContain(`href="/documents/${doc.id}/download"`);
    expect(page.text).toContain('enctype="multipart/form-data"');
  });

  it('judges the type by the content: an executable or a text file named .pdf is refused, in French', async () => {
    const c = await caseWithCoordinator();
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      Buffer.alloc(200, 0),
    ]);
    exe.write('PE\0\0', 0x80, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    for (const [bytes, name] of [
      [exe, 'facture.pdf'],
      [Buffer.from('Ceci est un simple texte, pas un PDF.\n'), 'compte-rendu.pdf'],
    ] as const) {
      const res = await c.upload(bytes, name).expect(422);
      expect(res.text).toContain(
        'Ce type de fichier n’est pas accepté. Formats acceptés : PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG.',
      );
      expect(res.text).toContain('type="file"');
    }
    expect(await documentsOf(c.acc.id)).toEqual([]);
  });

  it('refuses a file over the size limit with 413 and a French message, keeping the user on the form', async () => {
    const c = await caseWithCoordinator();
    const before = filesOnDisk().length;
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(60 * 1024, 0x20)]);
    const res = await c.upload(big, 'gros.pdf').expect(413);
    expect(res.text).toContain('Ce fichier est trop volumineux : 0,05 Mo au maximum.');
    expect(res.text).toContain(`action="/accompaniments/${c.acc.id}/diagnostic/attachments"`);
    expect(await documentsOf(c.acc.id)).toEqual([]);
    expect(filesOnDisk()).toHaveLength(before);
  });

  it('refuses a post with no file, or an empty one', async () => {
    const c = await caseWithCoordinator();
    const none = await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/attachments`)
      .field('_csrf', c.csrf)
      .expect(422);
    expect(none.text).toContain('Choisissez un fichier à envoyer.');
    const empty = await c.upload(Buffer.alloc(0), 'vide.pdf').expect(422);
    expect(empty.text).toMatch(/Ce fichier est vide\.|Choisissez un fichier à envoyer\./);
  });

  it('refuses a multipart post without a valid CSRF token (403), here and on any other route', async () => {
    const c = await caseWithCoordinator();
    const before = filesOnDisk().length;
    for (const token of [null, 'not-the-token']) {
      const res = await c.upload(tinyPdf(), 'forge.pdf', token).expect(403);
      expect(res.text).toContain('Le formulaire a expiré ou a été envoyé depuis un autre site.');
    }
    // Without a token, even when the file is too big to read whole.
    await c.upload(Buffer.concat([tinyPdf(), Buffer.alloc(60 * 1024, 0x20)]), 'gros.pdf', null).expect(403);
    expect(await documentsOf(c.acc.id)).toEqual([]);
    expect(filesOnDisk()).toHaveLength(before);
    // Other routes do not read multipart bodies: their global CSRF check refuses them.
    await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .field('_csrf', c.csrf)
      .field('findings', 'forgé')
      .expect(403);
    await c.agent.post('/logout').field('_csrf', c.csrf).expect(403);
  });

  it('lets only operator staff attach files, while the diagnostic is open', async () => {
    const c = await caseWithCoordinator();
    const beneficiary = await beneficiaryOf(t.db, c.structures[0].id);
    const s = await loginAs(t.app, beneficiary.email);
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/attachments`)
      .field('_csrf', s.csrf)
      .attach('file', tinyPdf(), 'x.pdf')
      .expect(403);
    const outsider = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
    await outsider.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/attachments`)
      .field('_csrf', outsider.csrf)
      .attach('file', tinyPdf(), 'x.pdf')
      .expect(404);

    await t.db('accompaniments').where({ id: c.acc.id }).update({ state: 'consultation' });
    const res = await c.upload(tinyPdf(), 'tard.pdf').expect(422);
    expect(res.text).toContain('Le diagnostic est validé');
    expect(await documentsOf(c.acc.id)).toEqual([]);
  });
});

describe('downloading and deleting attachments', () => {
  async function caseWithAttachment() {
    const c = await caseWithCoordinator();
    const pdf = tinyPdf('Annexe');
    await c.upload(pdf, 'annexe.pdf').expect(302);
    const [doc] = await documentsOf(c.acc.id);
    return { ...c, pdf, doc };
  }

  it('sends the bytes to those who see the case: operator, its structures, the selected provider', async () => {
    const c = await caseWithAttachment();
    const res = await c.agent.get(`/documents/${c.doc.id}/download`).buffer(true).parse(binary).expect(200);
    expect(res.body).toEqual(c.pdf);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?annexe\.pdf"?$/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    for (const u of [await beneficiaryOf(t.db, c.structures[1].id), await selectedProvider(t.db, c.acc.id)]) {
      const s = await loginAs(t.app, u.email);
      const r = await s.agent.get(`/documents/${c.doc.id}/download`).buffer(true).parse(binary).expect(200);
      expect(sha256(r.body)).toBe(c.doc.sha256);
    }
  });

  it('refuses funders (403), and answers 404 to anyone outside the case', async () => {
    const c = await caseWithAttachment();
    const funder = await loginAs(t.app, (await funderOf(t.db, c.acc.id)).email);
    await funder.agent.get(`/documents/${c.doc.id}/download`).expect(403);
    const page = await getCaseTab(funder.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).not.toContain(`/documents/${c.doc.id}/download`);

    const other = await diagnosticCase(t.db);
    for (const u of [
      await createUser(t.db, { role: 'coordinator' }),
      await beneficiaryOf(t.db, other.structures[0].id),
      await createUser(t.db, { role: 'provider' }),
    ]) {
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/documents/${c.doc.id}/download`).expect(404);
    }
    // A provider only invited to the consultation (not selected) does not see the case either.
    const invited = await createUser(t.db, { role: 'provider' });
    await t.db('consultation_bids').insert({
      accompaniment_id: c.acc.id,
      provider_id: invited.organisation_id,
      invited_on: '2015-11-01',
      status: 'invited',
    });
    await (await loginAs(t.app, invited.email)).agent.get(`/documents/${c.doc.id}/download`).expect(404);
    await c.agent.get('/documents/999999/download').expect(404);
    await c.agent.get('/documents/abc/download').expect(404);
    const anonymous = await request(t.app).get(`/documents/${c.doc.id}/download`).expect(302);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });

  it('says "fichier introuvable" in French, not a 500, when the file is gone from the disk', async () => {
    const c = await caseWithAttachment();
    fs.rmSync(path.join(storageDir, ...c.doc.storage_key.split('/')));
    const res = await c.agent.get(`/documents/${c.doc.id}/download`).expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Fichier introuvable');
    expect(res.text).toContain(
      '« annexe.pdf » est bien enregistré, mais son contenu n’est plus disponible sur le serveur.',
    );
  });

  it('lets operator staff delete an attachment (row and file, audited); others may not', async () => {
    const c = await caseWithAttachment();
    const file = path.join(storageDir, ...c.doc.storage_key.split('/'));
    const beneficiary = await loginAs(t.app, (await beneficiaryOf(t.db, c.structures[0].id)).email);
    await beneficiary.agent
      .post(`/documents/${c.doc.id}/delete`)
      .type('form')
      .send({ _csrf: beneficiary.csrf })
      .expect(403);
    const outsider = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
    await outsider.agent.post(`/documents/${c.doc.id}/delete`).type('form').send({ _csrf: outsider.csrf }).expect(404);
    expect(fs.existsSync(file)).toBe(true);

    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain('data-confirm="Supprimer « annexe.pdf » ?"');
    await c.agent
      .post(`/documents/${c.doc.id}/delete`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(302)
      .expect('Location', caseUrl(c.acc.id, 'diagnostic'));
    expect(await documentsOf(c.acc.id)).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    expect(await t.db('audit_log').where({ action: 'document.delete', entity_id: c.acc.id }).first()).toBeDefined();
  });

  it('keeps attachments once the diagnostic is validated and the case moved on', async () => {
    const c = await caseWithAttachment();
    await t.db('accompaniments').where({ id: c.acc.id }).update({ state: 'consultation' });
    await c.agent.post(`/documents/${c.doc.id}/delete`).type('form').send({ _csrf: c.csrf }).expect(302);
    expect(await documentsOf(c.acc.id)).toHaveLength(1);
    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain('Le diagnostic est validé et l’accompagnement est passé à l’étape suivante');
    expect(page.text).not.toContain(`/documents/${c.doc.id}/delete`);
  });
});

describe('storage and upload rules', () => {
  it('leaves no file behind when the database transaction fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-orphans-'));
    const storage = new LocalDiskStorage(dir);
    const checked = await inspectUpload(tinyPdf(), 'a.pdf');
    if (!checked.ok) throw new Error('tiny PDF refused');
    const failing = (async () => {
      throw new Error('database down');
    }) as unknown as Writer;
    await expect(
      storeDocument({ storage, write: failing }, {} as Request, {
        accompanimentId: '1',
        purpose: 'diagnostic_attachment',
        upload: checked.upload,
        audit: { action: 'test', entityType: 'accompaniment' },
      }),
    ).rejects.toThrow('database down');
    expect(
      fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, String(f))).isFile()),
    ).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps storage keys inside the storage folder, and reads a missing key as null', async () => {
    const storage = new LocalDiskStorage(storageDir);
    for (const key of ['../escape', '/etc/passwd', 'a/../../b', '', 'a//b', '.hidden']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('invalid storage key');
    }
    expect(await storage.get('diagnostic-attachment/2015/10/missing')).toBeNull();
    await expect(storage.delete('diagnostic-attachment/2015/10/missing')).resolves.toBeUndefined();
  });

  it('accepts the office and image formats by content and cleans the names', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const checked = await inspectUpload(png, '..\u202eexe.png\u0007');
    expect(checked).toMatchObject({ ok: true, upload: { mimeType: 'image/png', filename: 'exe.png' } });
    const renamed = await inspectUpload(tinyPdf(), 'scan');
    expect(renamed).toMatchObject({ ok: true, upload: { filename: 'scan.pdf' } });
    const wrongExt = await inspectUpload(tinyPdf(), 'C:\\docs\\rapport.docx');
    expect(wrongExt).toMatchObject({ ok: true, upload: { filename: 'C_docs_rapport.docx.pdf' } });
  });

  it('reads STORAGE_DIR and UPLOAD_MAX_MB from the environment, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.storageDir).toBe(path.join(ROOT, 'data', 'files'));
    expect(defaults.uploadMaxMb).toBe(20);
    const set = loadConfig({ STORAGE_DIR: '/srv/jalons/files', UPLOAD_MAX_MB: '50' });
    expect(set.storageDir).toBe('/srv/jalons/files');
    expect(set.uploadMaxMb).toBe(50);
    expect(() => loadConfig({ UPLOAD_MAX_MB: 'beaucoup' })).toThrow(ConfigError);
    expect(() => loadConfig({ UPLOAD_MAX_MB: '0' })).toThrow(/UPLOAD_MAX_MB/);
  });
});
