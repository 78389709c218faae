import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { conventionCase } from '../factories/conventions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { pdfText } from '../support/pdf-text';
import { BROKEN_AMOUNT, expectTypedText, pdfLines, TYPED_TEXT } from '../support/typed-text';
import { conventionKit, status } from './kit';

// The convention prints the case's objectives as the coordinator typed them in the browser.
let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-conventions-typed-'));
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
const { current, generate } = conventionKit(() => t);

describe('the convention PDF prints what was typed', () => {
  it('prints typed objectives line for line with their bullets, and its amounts on one line', async () => {
    // The objectives as typed in the browser (CRLF), then the convention generated.
    const c = await conventionCase(t.db);
    await t.db('accompaniments').where({ id: c.accId }).update({ objectives: TYPED_TEXT });
    const coord = await loginAs(t.app, c.coordinator.email);
    await status(generate(coord, c.accId), 302);
    const conv = await current(c.accId);
    const res = await coord.agent.get(`/documents/${conv.document_id}/download`).buffer(true).parse(binary).expect(200);
    const text = await pdfText(res.body as Buffer);
    expectTypedText(text);
    const lines = pdfLines(text);
    expect(lines).toContain('Montant de l’intervention : 7 000 €');
    expect(lines).toContain('Prix de journée : 1 167 €');
    expect(text).not.toMatch(BROKEN_AMOUNT);
  });
});
