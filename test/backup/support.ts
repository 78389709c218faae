import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { seed } from '../../seeds/demo';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { buildApp } from '../../src/app';
import { ATTACHMENT_PURPOSE } from '../../src/diagnostics/section';
import type { Db } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';
import { LocalDiskStorage } from '../../src/platform/storage';
import { newStorageKey } from '../../src/documents/store';
import { tinyPdf } from '../factories/diagnostics';
import { getCaseTab } from '../support/case-page';
import { csrfOf, testConfig } from '../support/app';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function scratch(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-backup-test-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** documents / bytes: every document of the seeded data (the demo's own files and the upload) and their total size. */
export type Seeded = { belfortId: string; documentId: string; pdf: Buffer; documents: number; bytes: number };

/**
 * The demo data plus one uploaded file on the Belfort case, stored the way uploads are: bytes
 * under a generated key in STORAGE_DIR, a `documents` row with the SHA-256.
 */
export async function seedWithDocument(db: Db, storageDir: string): Promise<Seeded> {
  // The demo keeps its own documents (convention, signed scan, action plan, report) in the same folder.
  await seed(db, { storage: new LocalDiskStorage(storageDir) });
  const acc = await db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
  const coordinator = await db('users').where({ email: 'coordination@jalons.test' }).first('id');
  const pdf = tinyPdf('Diagnostic partage du GES de Belfort');
  const key = newStorageKey(ATTACHMENT_PURPOSE);
  await new LocalDiskStorage(storageDir).put(key, pdf);
  const [row] = await db('documents')
    .insert({
      accompaniment_id: acc.id,
      purpose: ATTACHMENT_PURPOSE,
      filename: 'Diagnostic partagé – GES.pdf',
      mime_type: 'application/pdf',
      size_bytes: pdf.length,
      sha256: sha256(pdf),
      storage_key: key,
      uploaded_by: coordinator.id,
    })
    .returning('id');
  const [all] = await db('documents').count({ n: '*' }).sum({ bytes: 'size_bytes' });
  return {
    belfortId: String(acc.id),
    documentId: String(row.id),
    pdf,
    documents: Number(all.n),
    bytes: Number(all.bytes),
  };
}

/** Every row of every table as the database prints it (timestamps in UTC), sorted. */
export async function contents(db: Db, skip: string[] = []): Promise<Record<string, string[]>> {
  return db.transaction(async (trx) => {
    await trx.raw(`SET LOCAL TIME ZONE 'UTC'`);
    const { rows: tables } = await trx.raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const out: Record<string, string[]> = {};
    for (const { tablename } of tables as { tablename: string }[]) {
      if (skip.includes(tablename)) continue;
      const { rows } = await trx.raw(`SELECT to_jsonb(t)::text AS r FROM "${tablename}" t`);
      out[tablename] = rows.map((r: { r: string }) => r.r).sort();
    }
    return out;
  });
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Jalons built on the restored database and files: the Belfort case page and the document download. */
export async function checkServedByApp(db: Db, storageDir: string, seeded: Seeded) {
  const built = buildApp({
    db,
    config: testConfig({ storageDir }),
    logger: createLogger('silent'),
    sessionSecret: 'test-secret-'.repeat(4),
  });
  try {
    const agent = request.agent(built.app);
    const login = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: 'coordination@jalons.test', password: DEMO_PASSWORD })
      .expect(302);
    const page = await agent.get(`/accompaniments/${seeded.belfortId}`).expect(200);
    expect(page.text).toContain('Groupe économique solidaire (GES)');
    for (const name of ['Intermed', 'Chacasol', 'Energie Emploi']) expect(page.text).toContain(name);
    // The attachment is listed with the diagnostic, on its tab.
    const diagnostic = await getCaseTab(agent, seeded.belfortId, 'diagnostic').expect(200);
    expect(diagnostic.text).toContain(`/documents/${seeded.documentId}/download`);
    const file = await agent.get(`/documents/${seeded.documentId}/download`).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha256(file.body as Buffer)).toBe(sha256(seeded.pdf));
  } finally {
    await built.close();
  }
}
