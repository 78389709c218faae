import { createHash } from 'node:crypto';
import { pdfText } from '../support/pdf-text';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { conventionCase } from '../factories/conventions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { conventionKit, status } from './kit';

let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-conventions-'));
  t = await createTestApp({ storageDir });
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
const { current, partyOf, generate, click, scan, generated } = conventionKit(() => t);

describe('generating the convention', () => {
  it('produces a PDF naming every party, the object, 6 days and 7 000 €, stored with the SHA-256 of its exact bytes', async () => {
    const { c, coord } = await generated();
    const conv = await current(c.accId);
    expect(conv.version).toBe(1);
    const doc = await t.db('documents').where({ id: conv.document_id }).first();
    expect(doc).toMatchObject({ purpose: 'convention', mime_type: 'application/pdf', accompaniment_id: c.accId });

    const res = await coord.agent.get(`/documents/${conv.document_id}/download`).buffer(true).parse(binary).expect(200);
    const bytes = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(sha256(bytes)).toBe(conv.sha256);
    expect(doc.sha256).toBe(conv.sha256);
    expect(fs.readFileSync(path.join(storageDir, ...doc.storage_key.split('/')))).toEqual(bytes);

    const text = (await pdfText(bytes)).replace(/[ \t]+/g, ' ');
    expect(text).toMatch(/Convention d.accompagnement DLA/);
    expect(text).toContain('Version 1');
    for (const st of c.structures) expect(text).toContain(st.name);
    expect(text).toContain(c.operator.name);
    expect(text).toContain(c.provider!.name);
    expect(text).toContain('Vers un groupe économique solidaire');
    expect(text).toContain('Structurer la mutualisation');
    expect(text).toContain('Nombre de jours d’intervention : 6');
    expect(text).toContain('7 000 €');
    expect(text).toContain('Prix de journée : 1 167 €');
    expect(text).toContain('Projet politique et organisation stratégique');
    expect(text).toContain('11 janvier 2016');
    expect((text.match(/Nom et qualité du signataire/g) ?? []).length).toBe(4);

    const audit = await t.db('audit_log').where({ action: 'convention.generate', entity_id: c.accId }).first();
    expect(JSON.stringify(audit.details)).toContain(conv.sha256);

    const page = await getCaseTab(coord.agent, c.accId, 'conventions').expect(200);
    expect(page.text).toContain('Version 1 du');
    expect(page.text).toContain(conv.sha256.slice(0, 12));
    expect(page.text).toContain('0 partie sur 4 a signé');
  });

  it('prints two signature blocks for a party marked as needing two signatories', async () => {
    const { c, coord } = await generated({ two: 'first-structure' });
    expect((await partyOf(c.accId, c.structures[0].id)).signatories_required).toBe(2);
    const conv = await current(c.accId);
    const res = await coord.agent.get(`/documents/${conv.document_id}/download`).buffer(true).parse(binary).expect(200);
    expect(((await pdfText(res.body)).match(/Nom et qualité du signataire/g) ?? []).length).toBe(5);
  });

  it('is refused in French without a selected provider or without a beneficiary structure', async () => {
    const noProvider = await conventionCase(t.db, { provider: false });
    const s1 = await loginAs(t.app, noProvider.coordinator.email);
    const r1 = await generate(s1, noProvider.accId).expect(422);
    expect(r1.text).toContain('Impossible de générer la convention : aucun prestataire n’a été retenu.');

    const noStructure = await conventionCase(t.db, { structures: 0 });
    const s2 = await loginAs(t.app, noStructure.coordinator.email);
    const r2 = await generate(s2, noStructure.accId).expect(422);
    expect(r2.text).toContain(
      'Impossible de générer la convention : l’accompagnement n’a aucune structure accompagnée active.',
    );
    expect(await t.db('conventions').whereIn('accompaniment_id', [noProvider.accId, noStructure.accId])).toEqual([]);
  });

  it('is for operator staff only', async () => {
    const c = await conventionCase(t.db);
    for (const email of [c.structures[0].user.email, c.provider!.user.email, c.funder.email]) {
      const s = await loginAs(t.app, email);
      await generate(s, c.accId).expect(403);
    }
  });
});

describe('signing', () => {
  it('records each party: a structure and the operator by click, the provider by its scan, with the version signed and its hash', async () => {
    const { c, coord } = await generated();
    const conv = await current(c.accId);

    const structure = await loginAs(t.app, c.structures[0].user.email);
    const form = await structure.agent
      .get(`/accompaniments/${c.accId}/convention/sign?party=${(await partyOf(c.accId, c.structures[0].id)).id}`)
      .expect(200);
    expect(form.text).toContain(`value="${c.structures[0].user.name}"`);
    const signed = await status(click(structure, c.accId, c.structures[0].id), 302);
    expect(signed.headers.location).toBe(`/accompaniments/${c.accId}/convention`);

    const provider = await loginAs(t.app, c.provider!.user.email);
    await status(scan(provider, c.accId, c.provider!.id), 302);
    await status(
      click(coord, c.accId, c.operator.id, { signatory_name: 'Claire Coordination', capacity: 'Directrice' }),
      302,
    );

    const rows = await t.db('convention_signatures').where({ convention_id: conv.id }).orderBy('id');
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.sha256_signed).toBe(conv.sha256);
    expect(rows[0]).toMatchObject({
      party_kind: 'structure',
      organisation_id: c.structures[0].id,
      method: 'click',
      user_id: c.structures[0].user.id,
      scan_document_id: null,
    });
    expect(rows[1]).toMatchObject({
      party_kind: 'provider',
      method: 'scan',
      signatory_name: 'Jean Martin',
      capacity: 'Directeur',
    });
    const scanDoc = await t.db('documents').where({ id: rows[1].scan_document_id }).first();
    expect(scanDoc).toMatchObject({
      purpose: 'convention_scan',
      mime_type: 'application/pdf',
      filename: 'convention signée.pdf',
    });
    expect(rows[2]).toMatchObject({ party_kind: 'operator', method: 'click', user_id: c.coordinator.id });

    const board = await coord.agent.get(`/accompaniments/${c.accId}/convention`).expect(200);
    expect(board.text).toContain('Jean Martin, Directeur, le 5 janvier 2016');
    expect(board.text).toContain('exemplaire signé numérisé');
    expect(board.text).toContain('À signer (0/1)');
    // The structure cannot sign twice.
    const again = await status(click(structure, c.accId, c.structures[0].id), 422);
    expect(again.text).toContain('a déjà signé cette version de la convention.');
  });

  it('refuses a missing signatory name with 422, in French, keeping the input', async () => {
    const { c } = await generated();
    const structure = await loginAs(t.app, c.structures[0].user.email);
    const res = await status(
      click(structure, c.accId, c.structures[0].id, { signatory_name: '  ', capacity: 'Trésorière bénévole' }),
      422,
    );
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('value="Trésorière bénévole"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(await t.db('convention_signatures')).not.toContainEqual(
      expect.objectContaining({ capacity: 'Trésorière bénévole' }),
    );
  });

  it('keeps the roles apart: funders never sign, a structure signs only for itself, another case’s provider sees nothing', async () => {
    const { c } = await generated();
    const conv = await current(c.accId);

    const funder = await loginAs(t.app, c.funder.email);
    await funder.agent.get(`/accompaniments/${c.accId}/convention`).expect(200);
    await status(click(funder, c.accId, c.structures[0].id), 403);
    // Funders may read the convention they fund, not the signed scans.
    await funder.agent.get(`/documents/${conv.document_id}/download`).expect(200);

    const structure = await loginAs(t.app, c.structures[0].user.email);
    await status(click(structure, c.accId, c.structures[1].id), 403);
    await status(click(structure, c.accId, c.provider!.id), 403);
    await structure.agent
      .get(`/accompaniments/${c.accId}/convention/sign?party=${(await partyOf(c.accId, c.structures[1].id)).id}`)
      .expect(403);

    const other = await conventionCase(t.db);
    const stranger = await loginAs(t.app, other.provider!.user.email);
    await stranger.agent.get(`/accompaniments/${c.accId}/convention`).expect(404);
    await status(click(stranger, c.accId, c.provider!.id), 404);
    await stranger.agent.get(`/documents/${conv.document_id}/download`).expect(404);

    // The provider cannot click-sign for a structure, nor the coordinator for the provider.
    const provider = await loginAs(t.app, c.provider!.user.email);
    await status(click(provider, c.accId, c.structures[0].id), 403);
    const coord = await loginAs(t.app, c.coordinator.email);
    await status(click(coord, c.accId, c.provider!.id), 403);

    expect(await t.db('convention_signatures').where({ convention_id: conv.id })).toEqual([]);

    // A scan recorded by the operator is not for the funder's eyes.
    await status(scan(coord, c.accId, c.provider!.id), 302);
    const row = await t.db('convention_signatures').where({ convention_id: conv.id }).first();
    await funder.agent.get(`/documents/${row.scan_document_id}/download`).expect(403);
    await provider.agent.get(`/documents/${row.scan_document_id}/download`).expect(200);
  });
});

describe('a new version', () => {
  it('voids the signatures of the old one, tells the parties, and the old version can no longer be signed', async () => {
    const { c, coord } = await generated();
    const v1 = await current(c.accId);
    const structure = await loginAs(t.app, c.structures[0].user.email);
    await status(click(structure, c.accId, c.structures[0].id), 302);
    const lastBefore = Number((await t.db('outbox').max('id as m'))[0].m ?? 0);

    const res = await generate(coord, c.accId).expect(302);
    const board = await coord.agent.get(res.headers.location).expect(200);
    expect(board.text).toContain(
      '1 signature de la version précédente est annulée ; les parties ont été prévenues par courriel.',
    );

    const v2 = await current(c.accId);
    expect(v2.version).toBe(2);
    expect(v2.sha256).not.toBe(v1.sha256);
    expect((await t.db('conventions').where({ id: v1.id }).first()).voided_at).not.toBeNull();
    const old = await t.db('convention_signatures').where({ convention_id: v1.id });
    expect(old).toHaveLength(1);
    expect(old[0].voided_at).not.toBeNull();

    const recent = await t
      .db('outbox')
      .where({ kind: 'convention_new_version' })
      .where('id', '>', lastBefore)
      .orderBy('id');
    const addresses = recent.map((m) => m.to_address);
    for (const st of c.structures) expect(addresses).toContain(st.user.email);
    expect(addresses).toContain(c.provider!.user.email);
    expect(addresses).toContain(c.coordinator.email);
    expect(recent[0].subject).toContain('nouvelle version 2 à signer');
    expect(recent[0].body_text).toContain('La signature déjà donnée sur la version 1 est annulée.');

    // Signing version 1 from a form opened before: refused, nothing recorded.
    const stale = await status(click(structure, c.accId, c.structures[0].id, {}, String(v1.id)), 409);
    expect(stale.text).toContain('La version 1 de la convention n’est plus en vigueur');
    expect(await t.db('convention_signatures').where({ convention_id: v1.id })).toHaveLength(1);
    expect(await t.db('convention_signatures').where({ convention_id: v2.id })).toEqual([]);
    // The current one can.
    await status(click(structure, c.accId, c.structures[0].id), 302);
  });
});
