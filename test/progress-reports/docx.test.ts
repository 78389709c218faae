import JSZip from 'jszip';
import { formatDate } from '../../src/platform/i18n';
import { createUser } from '../factories';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { docxText } from '../support/docx-text';
import { Agent, belfortId, binary, createDraft, draftFields, loginDemo, status } from './helpers';

// The progress report as a Word document (issue 21): the same content as the PDF, read back from the .docx.
let t: TestApp;
let accId: string;
let julie: Agent;
beforeAll(async () => {
  t = await createDemoApp();
  accId = await belfortId(t.db);
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(() => t.close());

const docxOf = async (s: Agent, id: string) => {
  const res = await status(s.agent.get(`/reports/${id}/docx`).buffer(true).parse(binary), 200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(res.headers['content-disposition']).toMatch(
    new RegExp(`^attachment; filename="?rapport-etape-${id}\\.docx"?$`),
  );
  expect(res.headers['cache-control']).toContain('no-store');
  return res.body as Buffer;
};
const textOf = async (docx: Buffer) => (await docxText(docx)).replace(/\s+/g, ' ');
/** Every header of the document (the draft mark is printed there, on every page). */
const headersOf = async (docx: Buffer) => {
  const zip = await JSZip.loadAsync(docx);
  const files = zip.file(/^word\/header\d*\.xml$/);
  return (await Promise.all(files.map((f) => f.async('string')))).join('\n');
};

describe('the progress report as a Word document', () => {
  it('holds what the draft PDF holds, is marked as a draft, and is linked from the report page', async () => {
    const id = await createDraft(julie, accId);
    const page = await status(julie.agent.get(`/reports/${id}`), 200);
    expect(page.text).toContain(`href="/reports/${id}/docx"`);
    expect(page.text).toContain('Télécharger en Word (.docx)');
    const docx = await docxOf(julie, id);
    const text = await textOf(docx);
    expect(await headersOf(docx)).toContain('BROUILLON');

    expect(text).toContain('Point d’étape après la restitution');
    const structures = await t
      .db('accompaniment_beneficiaries as b')
      .join('organisations as o', 'o.id', 'b.organisation_id')
      .where('b.accompaniment_id', accId)
      .select('o.name', 'b.status', 'b.withdrawn_on', 'b.may_rejoin');
    expect(structures).toHaveLength(4);
    for (const s of structures) expect(text).toContain(s.name);
    const chamois = structures.find((s) => s.status === 'withdrawn')!;
    expect(text).toContain(`Sortie le ${formatDate('fr', chamois.withdrawn_on)}`);
    expect(text).toContain(String(chamois.may_rejoin).slice(0, 30));
    const phases = await t.db('phases').where({ accompaniment_id: accId }).orderBy('position').pluck('name');
    for (const p of phases) expect(text).toContain(p.slice(0, 30));
    expect(text).toContain('6 jours consommés sur 6 contractualisés (100 %)');
    expect(text).toContain('7 000 € consommés sur un budget de 7 000 €');
    const notices = await t.db('notices').where({ accompaniment_id: accId }).select('on_date', 'recipients');
    for (const n of notices) {
      expect(text).toContain(formatDate('fr', n.on_date));
      expect(text).toContain(n.recipients);
    }
    const typed = draftFields();
    for (const k of ['next_steps', 'risks', 'comment'] as const) expect(text).toContain(typed[k]);
  });

  it('of a sent report says what was sent, not what the record says today, and is not marked as a draft', async () => {
    const id = await createDraft(julie, accId, { title: 'Rapport envoyé pour Word' });
    const { lock_version } = await t.db('progress_reports').where({ id }).first('lock_version');
    await status(
      julie.agent
        .post(`/reports/${id}/send`)
        .type('form')
        .send({ _csrf: julie.csrf, lock_version: String(lock_version) }),
      302,
    );
    await t.db('notices').insert({
      accompaniment_id: accId,
      kind: 'funders_informed',
      on_date: '2016-11-21',
      recipients: 'Instance informée après l’envoi du rapport',
      content: 'x',
    });
    const docx = await docxOf(julie, id);
    const text = await textOf(docx);
    expect(text).toContain('Rapport envoyé pour Word');
    expect(text).not.toContain('Instance informée après l’envoi du rapport');
    expect(await headersOf(docx)).not.toContain('BROUILLON');

    // The funder reads the sent report's .docx as it reads its PDF; a draft stays out of its reach.
    const funder = await loginDemo(t.app, 'financeur@jalons.test');
    expect(await textOf(await docxOf(funder, id))).toContain('Rapport envoyé pour Word');
    const draft = await createDraft(julie, accId, { title: 'Brouillon interne' });
    await status(funder.agent.get(`/reports/${draft}/docx`), 404);
  });

  it('answers 404 to whoever cannot see the report, as the PDF does', async () => {
    const draft = await createDraft(julie, accId, { title: 'Brouillon réservé' });
    const provider = await loginDemo(t.app, 'prestataire@jalons.test');
    const beneficiary = await loginDemo(t.app, 'structure@jalons.test');
    const stranger = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
    for (const s of [provider, beneficiary, stranger]) {
      await status(s.agent.get(`/reports/${draft}/pdf`), 404);
      await status(s.agent.get(`/reports/${draft}/docx`), 404);
    }
  });
});
