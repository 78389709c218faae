import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { conventionCase } from '../factories/conventions';
import { createOrganisation, createUser } from '../factories';
import { DEFAULT_CLAUSES } from '../../src/conventions/template';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { docxText } from '../support/docx-text';
import { pdfText } from '../support/pdf-text';
import { conventionKit, status, type Case, type Session } from './kit';

// The operator's convention template (versioned, edited by its direction) and what a convention
// version says: its parties with their representatives, days and price per phase, funding split and
// the template's clauses, in its PDF and its Word twin, each version keeping its own clauses.
let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-convention-template-'));
  t = await createTestApp({ storageDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const PATH = '/settings/convention-template';
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const { current, generate } = conventionKit(() => t);
/** Text as a reader sees it: no-break spaces, line ends and runs of spaces read as one space. */
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

const form = (s: Session, clauses: { title: string; text: string }[]) => ({
  _csrf: s.csrf,
  clause_count: String(clauses.length),
  ...Object.fromEntries(
    clauses.flatMap((c, i) => [
      [`c${i}_title`, c.title],
      [`c${i}_text`, c.text],
    ]),
  ),
});
const save = (s: Session, clauses: { title: string; text: string }[]) =>
  s.agent.post(PATH).type('form').send(form(s, clauses));

const director = async (c: Case) =>
  loginAs(
    t.app,
    (await createUser(t.db, { role: 'manager', organisation_id: c.operator.id, name: 'Danielle Direction' })).email,
  );

async function pdfOf(s: Session, documentId: string) {
  const res = await s.agent.get(`/documents/${documentId}/download`).buffer(true).parse(binary).expect(200);
  return flat(await pdfText(res.body as Buffer));
}
async function docxOf(s: Session, accId: string, version: number) {
  const res = await s.agent
    .get(`/accompaniments/${accId}/convention/versions/${version}/docx`)
    .buffer(true)
    .parse(binary)
    .expect(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  return flat(await docxText(res.body as Buffer));
}

describe('the convention template', () => {
  it('is saved by the director as a new version, the default kept as version 1, and listed with its author', async () => {
    const c = await conventionCase(t.db);
    const d = await director(c);
    const page = await status(d.agent.get(PATH), 200);
    expect(page.text).toContain('{structures}');
    expect(page.text).toContain('Livrables et propriété');

    const clauses = [
      ...DEFAULT_CLAUSES.slice(0, 3),
      { title: 'Clause d’essai', text: 'Le prestataire {provider} intervient {days} jours.' },
    ];
    const res = await status(save(d, clauses), 302);
    expect(res.headers.location).toBe(PATH);
    const rows = await t.db('convention_template_versions').where({ operator_id: c.operator.id }).orderBy('version');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0].clauses).toEqual(DEFAULT_CLAUSES);
    expect(rows[1].clauses).toHaveLength(4);
    expect(rows[1].created_by).toBe(String((await t.db('users').where({ name: 'Danielle Direction' }).first()).id));
    const audit = await t.db('audit_log').where({ action: 'convention_template.save' }).orderBy('id', 'desc').first();
    expect(audit.entity_id).toBe(c.operator.id);

    const after = await status(d.agent.get(PATH), 200);
    expect(after.text).toContain('Version 2 du modèle de convention enregistrée.');
    expect(after.text).toContain('Clause d’essai');
    expect(after.text).toContain('Danielle Direction');
    expect(after.text).toContain('modèle par défaut de Jalons');
  });

  it('is read by a coordinator but saved by nobody else than the direction or an admin (403)', async () => {
    const c = await conventionCase(t.db);
    const coord = await loginAs(t.app, c.coordinator.email);
    const page = await status(coord.agent.get(PATH), 200);
    expect(page.text).toContain('Seules la direction et les administrateurs');
    expect(page.text).not.toContain('name="c0_title"');
    const clauses = [{ title: 'Objet', text: 'Rien.' }];
    await status(save(coord, clauses), 403);
    const provider = await loginAs(t.app, c.provider!.user.email);
    await status(provider.agent.get(PATH), 403);
    await status(save(provider, clauses), 403);
    const funder = await loginAs(t.app, c.funder.email);
    await status(save(funder, clauses), 403);
    const structure = await loginAs(t.app, c.structures[0].user.email);
    await status(save(structure, clauses), 403);
    expect(await t.db('convention_template_versions').where({ operator_id: c.operator.id })).toEqual([]);
  });

  it('refuses a clause without a title or with an unknown placeholder, in French next to the field, keeping what was typed', async () => {
    const c = await conventionCase(t.db);
    const d = await director(c);
    const res = await status(
      save(d, [
        { title: 'Objet', text: 'Texte gardé {structures}.' },
        { title: '', text: 'Une clause sans titre, gardée telle quelle.' },
        { title: 'Prix', text: 'Le prix est de {prix}.' },
      ]),
      422,
    );
    expect(res.text).toContain('Donnez un titre à cette clause.');
    expect(res.text).toContain('Repère inconnu');
    expect(res.text).toContain('Une clause sans titre, gardée telle quelle.');
    expect(res.text).toContain('Le prix est de {prix}.');
    expect(res.text).toMatch(/id="field-c1_title"[^>]*aria-invalid="true"/);
    const empty = await status(save(d, [{ title: '', text: '' }]), 422);
    expect(empty.text).toContain('Le modèle doit garder au moins une clause.');
    expect(await t.db('convention_template_versions').where({ operator_id: c.operator.id })).toEqual([]);
  });
});

describe('a convention version drawn from the template', () => {
  /** Representatives, per-phase days and a second funder, recorded as the coordinator would. */
  async function recorded(c: Case) {
    const [first, second] = c.structures;
    await t.db('steering_committee_members').insert([
      {
        accompaniment_id: c.accId,
        name: 'Odile Perrot',
        organisation_id: first.id,
        organisation_name: first.name,
        role: 'president',
      },
      {
        accompaniment_id: c.accId,
        name: 'Élodie Marchand',
        organisation_id: first.id,
        organisation_name: first.name,
        role: 'employee',
      },
    ]);
    await t.db('structure_contacts').insert({ organisation_id: second.id, name: 'Claire Vautrin', role: 'director' });
    await t.db('provider_consultants').insert({ provider_id: c.provider!.id, name: 'Paul Conseil', active: true });
    const phases = await t.db('phases').where({ accompaniment_id: c.accId }).orderBy('position');
    await t.db('phases').where({ id: phases[0].id }).update({ planned_days: 2 });
    await t.db('phases').where({ id: phases[1].id }).update({ planned_days: 4 });
    const bdt = await createOrganisation(t.db, { kind: 'funder', name: 'Banque des Territoires' });
    await t.db('accompaniment_funding').where({ accompaniment_id: c.accId }).update({ amount_eur: 4000 });
    await t.db('accompaniment_funding').insert({ accompaniment_id: c.accId, funder_id: bdt.id, amount_eur: 3000 });
  }

  it('prints the parties with their representatives, days and price per phase, the funding split and the ownership clause, in the PDF and the .docx', async () => {
    const c = await conventionCase(t.db);
    await recorded(c);
    const coord = await loginAs(t.app, c.coordinator.email);
    await status(generate(coord, c.accId), 302);
    const conv = await current(c.accId);
    const template = await t.db('convention_template_versions').where({ id: conv.template_version_id }).first();
    expect(template).toMatchObject({ operator_id: c.operator.id, version: 1 });

    const funderName = (await t.db('organisations').where({ id: c.funder.organisation_id }).first()).name;
    for (const text of [await pdfOf(coord, conv.document_id), await docxOf(coord, c.accId, 1)]) {
      expect(text).toContain(
        `Structure accompagnée : ${c.structures[0].name}, représentée par Odile Perrot (Présidence)`,
      );
      expect(text).not.toContain('Élodie Marchand');
      expect(text).toContain(`${c.structures[1].name}, représentée par Claire Vautrin (Direction)`);
      expect(text).toContain(
        `Opérateur DLA : ${c.operator.name}, représentée par Claire Coordination (Chargé·e de mission DLA)`,
      );
      expect(text).toContain(`${c.provider!.name}, représentée par Paul Conseil (Consultant·e)`);
      expect(text).toContain('Projet politique et organisation stratégique : 2 jours d’intervention, soit 2 333,33 €');
      expect(text).toContain('Mise en place opérationnelle : 4 jours d’intervention, soit 4 666,67 €');
      expect(text).toContain('Montant de l’intervention : 7 000 €');
      expect(text).toContain(`${funderName} : 4 000,00 € (57,1 %)`);
      expect(text).toContain('Banque des Territoires : 3 000,00 € (42,9 %)');
      expect(text).toContain('appartiennent aux structures accompagnées');
      for (const title of ['Confidentialité', 'Durée', 'Retrait d’une partie', 'Résiliation', 'Litiges'])
        expect(text).toContain(title);
      expect(text).toContain('version 1.');
    }

    const board = await status(coord.agent.get(`/accompaniments/${c.accId}/convention`), 200);
    expect(board.text).toContain(`/accompaniments/${c.accId}/convention/versions/1/docx`);
  });

  it('takes each phase’s planned days from the phases form, refusing a value that is no number next to its field', async () => {
    const c = await conventionCase(t.db);
    const coord = await loginAs(t.app, c.coordinator.email);
    const [phase] = await t.db('phases').where({ accompaniment_id: c.accId }).orderBy('position');
    const url = `/accompaniments/${c.accId}/phases/edit`;
    const post = async (days: string) => {
      const page = await status(coord.agent.get(url), 200);
      return coord.agent
        .post(url)
        .type('form')
        .send({
          _csrf: coord.csrf,
          lock_version: page.text.match(/name="lock_version" value="(\d+)"/)![1],
          row_count: '1',
          p0_id: String(phase.id),
          p0_position: '1',
          p0_name: phase.name,
          p0_planned_start: phase.planned_start,
          p0_planned_end: phase.planned_end,
          p0_planned_days: days,
          p0_status: 'planned',
        });
    };
    const bad = await status(post('deux jours'), 422);
    expect(bad.text).toContain('Saisissez un nombre, par exemple 6 ou 7 000,50.');
    expect(bad.text).toContain('value="deux jours"');
    expect((await t.db('phases').where({ id: phase.id }).first()).planned_days).toBeNull();
    await status(post('2,5'), 302);
    expect(Number((await t.db('phases').where({ id: phase.id }).first()).planned_days)).toBe(2.5);

    await status(generate(coord, c.accId), 302);
    const text = await docxOf(coord, c.accId, 1);
    expect(text).toContain('Projet politique et organisation stratégique : 2,5 jours d’intervention, soit 2 916,67 €');
    expect(text).toContain('Mise en place opérationnelle : jours à préciser');
  });

  it('uses the new clauses for a version issued after the template changed, the older version keeping its own', async () => {
    const c = await conventionCase(t.db);
    const coord = await loginAs(t.app, c.coordinator.email);
    await status(generate(coord, c.accId), 302);
    const v1 = await current(c.accId);

    const d = await director(c);
    const changed = DEFAULT_CLAUSES.map((x) =>
      x.title === 'Confidentialité'
        ? { title: 'Secret partagé', text: 'Clause nouvelle : {structures} gardent le secret.' }
        : x,
    );
    await status(save(d, changed), 302);
    await status(generate(coord, c.accId, [], '2015-12-20'), 302);
    const v2 = await current(c.accId);
    expect(v2.version).toBe(2);
    expect(v2.template_version_id).not.toBe(v1.template_version_id);

    for (const text of [await pdfOf(coord, v2.document_id), await docxOf(coord, c.accId, 2)]) {
      expect(text).toContain('Secret partagé');
      expect(text).toContain(`Clause nouvelle : ${c.structures[0].name} et ${c.structures[1].name} gardent le secret.`);
      expect(text).not.toContain('Confidentialité');
      expect(text).toContain('version 2.');
    }
    for (const text of [await pdfOf(coord, v1.document_id), await docxOf(coord, c.accId, 1)]) {
      expect(text).toContain('Confidentialité');
      expect(text).not.toContain('Secret partagé');
    }
  });

  it('answers the .docx only to whoever reads the convention: another case’s provider 404, a relay 404, an unknown version 404', async () => {
    const c = await conventionCase(t.db);
    const coord = await loginAs(t.app, c.coordinator.email);
    await status(generate(coord, c.accId), 302);
    const url = `/accompaniments/${c.accId}/convention/versions/1/docx`;

    const funder = await loginAs(t.app, c.funder.email);
    await status(funder.agent.get(url), 200);
    const provider = await loginAs(t.app, c.provider!.user.email);
    await status(provider.agent.get(url), 200);

    const other = await conventionCase(t.db);
    const stranger = await loginAs(t.app, other.provider!.user.email);
    await status(stranger.agent.get(url), 404);
    const relayOrg = await createOrganisation(t.db, { kind: 'relay' });
    const relay = await loginAs(t.app, (await createUser(t.db, { role: 'relay', organisation_id: relayOrg.id })).email);
    await status(relay.agent.get(url), 404);
    await status(coord.agent.get(`/accompaniments/${c.accId}/convention/versions/2/docx`), 404);
    await status(coord.agent.get(`/accompaniments/${c.accId}/convention/versions/abc/docx`), 404);
  });
});
