import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { createStorage } from '../../src/platform/storage';
import { tinyPdf } from '../factories/diagnostics';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn as logInAt, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import { testConfig } from '../support/app';
import type { TestServer } from '../support/server';

const COORDINATOR = 'coordination@jalons.test';
const PROVIDER = 'prestataire@jalons.test';
const TITLE = 'Plan d’actions';

let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, context, page, problems } = s), { acceptDialogs: true });

const flashText = (p: Page) => p.getByRole('status').allTextContents();
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Opens a part of the case as a user does: its link in the "Parties du dossier" nav. */
async function openTab(p: Page, label: string) {
  await clickAndLoad(p, 'link', label, p.getByRole('navigation', { name: 'Parties du dossier' }));
}

/** Logs out by forgetting the session cookie, then logs in as someone else; everyone lands on the home page. */
async function logInAs(email: string) {
  await context.clearCookies();
  await logInAt(page, server.baseUrl, email);
  expect(pathOf(page)).toBe('/');
}

/** A tiny but valid one-page PDF, written to disk like a file the provider would pick. */
function pdfOnDisk(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, tinyPdf(text));
  return file;
}

describe('an action plan delivered, reviewed and accepted, in a real browser', () => {
  it('the coordinator expects it, the provider uploads it from its workspace, changes are asked, version 2 is accepted', async () => {
    const db = server.db;
    const acc = await db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const accId = String(acc.id);
    // The demo case is handed off (follow-up), where the provider only reads: deliver it as during delivery.
    await db('accompaniments').where({ id: accId }).update({ state: 'delivery' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-e2e-deliverable-'));
    const v1 = pdfOnDisk(dir, 'plan-actions-v1.pdf', 'Plan d actions du GES - version 1');
    const v2 = pdfOnDisk(dir, 'plan-actions-v2.pdf', 'Plan d actions du GES - version 2, calendrier precise');
    const expectedOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

    // 1. The coordinator opens the Belfort case, its deliverables tab, and expects an action plan.
    await logInAs(COORDINATOR);
    await page.goto(`${server.baseUrl}/accompaniments/${accId}`);
    await openTab(page, 'Livrables et rapports');
    expect(new URL(page.url()).search).toBe('?tab=outputs');
    const section = page.getByRole('region', { name: 'Livrables' });
    await clickAndLoad(page, 'link', 'Nouveau livrable', section);
    expect(pathOf(page)).toBe(`/accompaniments/${accId}/deliverables/new`);
    await page.getByLabel('Type').selectOption({ label: 'Plan d’actions' });
    await page.getByLabel('Intitulé').fill(TITLE);
    await page.getByLabel('Date attendue').fill(expectedOn);
    await clickAndLoad(page, 'button', 'Enregistrer le livrable attendu');
    expect(pathOf(page)).toMatch(/^\/deliverables\/[1-9]\d*$/);
    const deliverablePath = pathOf(page);
    const id = deliverablePath.split('/').pop()!;
    expect(await flashText(page)).toContain(`Le livrable « ${TITLE} » est attendu.`);

    // 2. The provider finds it on its workspace, with its date, and uploads version 1, then hands it in.
    await logInAs(PROVIDER);
    const belfort = page.getByRole('region', { name: BELFORT_TITLE, exact: true });
    await page.getByRole('heading', { level: 2, name: 'Mon espace prestataire' }).waitFor();
    const expected = belfort.getByRole('region', { name: 'Livrables attendus' });
    const item = expected.getByRole('listitem').filter({ hasText: TITLE });
    expect(plain(await item.textContent())).toContain('Attendu pour le');
    await clickAndLoad(page, 'link', `Déposer une version de « ${TITLE} »`, belfort);
    expect(pathOf(page)).toBe(deliverablePath);
    await page.getByLabel('Fichier du livrable').setInputFiles(v1);
    await clickAndLoad(page, 'button', 'Envoyer le fichier');
    expect(await flashText(page)).toContain('Version 1 déposée (« plan-actions-v1.pdf »).');
    await clickAndLoad(page, 'button', 'Remettre pour validation');
    expect(await flashText(page)).toContain('Le livrable est remis pour validation.');
    expect((await db('deliverables').where({ id }).first('status')).status).toBe('submitted');

    // 3. The coordinator asks for changes, with a comment.
    const comment = 'Préciser le calendrier des actions fiscales et nommer un référent par structure.';
    await logInAs(COORDINATOR);
    await page.goto(`${server.baseUrl}${deliverablePath}`);
    await page.getByRole('radio', { name: 'Demander des modifications' }).check();
    await page.getByLabel('Commentaire').fill(comment);
    await clickAndLoad(page, 'button', 'Enregistrer la décision');
    expect(await flashText(page)).toContain('Les modifications sont demandées.');

    // 4. The provider sees the request and the comment on its workspace.
    await logInAs(PROVIDER);
    const sentBack = plain(
      await belfort
        .getByRole('region', { name: 'Livrables attendus' })
        .getByRole('listitem')
        .filter({ hasText: TITLE })
        .textContent(),
    );
    expect(sentBack).toContain('Modifications demandées');
    expect(sentBack).toContain(comment);
    expect(sentBack).toContain('sur la version 1');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'provider-workspace.png'), fullPage: true });

    // 5. Version 2: uploading it after a request for changes hands it in again.
    await clickAndLoad(page, 'link', `Déposer une version de « ${TITLE} »`, belfort);
    await page.getByLabel('Fichier du livrable').setInputFiles(v2);
    await clickAndLoad(page, 'button', 'Envoyer le fichier');
    expect(await flashText(page)).toContain('Version 2 déposée (« plan-actions-v2.pdf ») et remise pour validation.');
    expect((await db('deliverables').where({ id }).first('status')).status).toBe('submitted');
    await page.goto(`${server.baseUrl}/`);
    expect(plain(await belfort.textContent())).toContain(`En relecture : ${TITLE}`);

    // 6. The coordinator accepts it.
    await logInAs(COORDINATOR);
    await page.goto(`${server.baseUrl}${deliverablePath}`);
    await page.getByRole('radio', { name: 'Valider le livrable' }).check();
    await clickAndLoad(page, 'button', 'Enregistrer la décision');
    expect(await flashText(page)).toContain('Le livrable est validé.');

    // 7. The provider has nothing left to do on it.
    await logInAs(PROVIDER);
    expect(
      await belfort
        .getByRole('region', { name: 'Livrables attendus' })
        .getByRole('listitem')
        .filter({ hasText: TITLE })
        .count(),
    ).toBe(0);

    // 8. What was recorded.
    const d = await db('deliverables').where({ id }).first();
    expect(d).toMatchObject({ accompaniment_id: accId, type: 'action_plan', title: TITLE, status: 'accepted' });
    const versions = await db('deliverable_versions as v')
      .join('documents as doc', 'doc.id', 'v.document_id')
      .where('v.deliverable_id', id)
      .orderBy('v.version')
      .select('v.version', 'doc.filename', 'doc.mime_type', 'doc.storage_key');
    expect(versions.map((v) => [v.version, v.filename, v.mime_type])).toEqual([
      [1, 'plan-actions-v1.pdf', 'application/pdf'],
      [2, 'plan-actions-v2.pdf', 'application/pdf'],
    ]);
    const comments = await db('deliverable_comments')
      .where({ deliverable_id: id })
      .orderBy('id')
      .select('decision', 'body', 'version');
    expect(comments).toEqual([
      { decision: 'changes_requested', body: comment, version: 1 },
      { decision: 'accepted', body: null, version: 2 },
    ]);

    // Nothing went wrong in the browser.
    expect(problems.all()).toEqual([]);

    // Tidy the uploaded files (they are in the worker's throwaway folder; see testConfig).
    const storage = createStorage(testConfig());
    for (const v of versions) await storage.delete(v.storage_key);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
