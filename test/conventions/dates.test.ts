import type request from 'supertest';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { pdfText } from '../support/pdf-text';
import { conventionKit, status } from './kit';

// A convention recorded after the fact: issued in December 2015, signed in January 2016, typed today.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FUTURE = `${new Date().getFullYear() + 1}-02-01`;
const { current, partyOf, generate, scan, generated } = conventionKit(() => t);

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const board = (s: { agent: { get: (u: string) => request.Test } }, accId: string) =>
  s.agent.get(`/accompaniments/${accId}/convention`).expect(200);
/** The value a form field shows (the partial writes name, type, then value). */
const fieldValue = (html: string, name: string) => html.match(new RegExp(`name="${name}"[^>]*?value="([^"]*)"`))?.[1];
const signaturesOf = async (accId: string) =>
  t
    .db('convention_signatures as s')
    .join('conventions as c', 'c.id', 's.convention_id')
    .where('c.accompaniment_id', accId)
    .select('s.*');

describe('a convention version has its date of issue', () => {
  it('is chosen in the form (today by default), stored, shown with « saisi le » and printed on the PDF', async () => {
    const { c, coord } = await generated();
    let page = await board(coord, c.accId);
    const conv = await current(c.accId);
    expect(conv.issued_on).toBe('2015-12-15');
    expect(page.text).toContain('Version 1 du 15 décembre 2015, générée par Claire Coordination');
    expect(page.text).toMatch(
      /Version 1 du 15 décembre 2015, générée par Claire Coordination <span class="muted">\(saisi le /,
    );
    // The form of a new version offers today.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(fieldValue(page.text, 'issued_on')).toBe(today);

    const pdf = await coord.agent.get(`/documents/${conv.document_id}/download`).buffer(true).parse(binary).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('établie le 15 décembre 2015');
    expect(text).not.toContain(
      `établie le ${new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date())}`,
    );

    // The signatures of January 2016 follow it; the board and the timeline say so.
    await status(scan(coord, c.accId, c.structures[0].id, { signed_on: '2016-01-05' }), 302);
    page = await board(coord, c.accId);
    expect(page.text).toContain('Jean Martin, Directeur, le 5 janvier 2016');
    const timeline = await coord.agent.get(`/accompaniments/${c.accId}/timeline?kinds=convention`).expect(200);
    expect(timeline.text).toContain('Convention établie (version 1)');
    expect(timeline.text).toContain('datetime="2015-12-15"');
    expect(timeline.text).toContain(`Convention signée pour ${c.structures[0].name}`);
    expect(timeline.text).toContain('datetime="2016-01-05"');
  });

  it('refuses a day in the future, before the intake, before the selection or before the version in force, in French, input kept, nothing stored', async () => {
    const { c, coord } = await generated();
    await t.db('consultations').insert({ accompaniment_id: c.accId, selected_on: '2015-11-30' });
    const cases: [string, string][] = [
      [FUTURE, 'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).'],
      ['', 'Ce champ est obligatoire.'],
      [
        '2015-06-30',
        'Cette date précède l’accueil de l’accompagnement (le 1er juillet 2015) : la convention ne peut pas être établie avant.',
      ],
      [
        '2015-11-02',
        'Cette date précède le choix du prestataire (le 30 novembre 2015) : la convention s’établit après la sélection.',
      ],
      ['2015-12-10', 'Cette date précède la version en vigueur, établie le 15 décembre 2015.'],
    ];
    for (const [day, message] of cases) {
      const res = await generate(coord, c.accId, [c.structures[1].id], day).expect(422);
      expect(res.text).toContain(message);
      expect(fieldValue(res.text, 'issued_on')).toBe(day);
      // The box ticked is still ticked.
      expect(res.text).toContain(`name="two_signatories" value="${c.structures[1].id}" checked`);
    }
    expect(await t.db('conventions').where({ accompaniment_id: c.accId })).toHaveLength(1);
    expect(await t.db('documents').where({ accompaniment_id: c.accId, purpose: 'convention' })).toHaveLength(1);
    // A later day is accepted: version 2.
    await generate(coord, c.accId, [], '2016-01-04').expect(302);
    expect((await current(c.accId)).issued_on).toBe('2016-01-04');
  });

  it('is only for the operator staff', async () => {
    const { c } = await generated();
    for (const email of [c.funder.email, c.provider!.user.email, c.structures[0].user.email]) {
      const s = await loginAs(t.app, email);
      await generate(s, c.accId, [], '2015-12-20').expect(403);
    }
    expect(await t.db('conventions').where({ accompaniment_id: c.accId })).toHaveLength(1);
  });
});

describe('each signature has the day it was signed', () => {
  it('refuses a day before the version was issued, or in the future, in French next to the field, input kept', async () => {
    const { c, coord } = await generated();
    const early = await status(
      scan(coord, c.accId, c.structures[0].id, { signed_on: '2015-12-01', signatory_name: 'Bernard Mougin' }),
      422,
    );
    expect(early.text).toContain(
      'Cette date précède l’établissement de cette version de la convention (le 15 décembre 2015) : elle ne peut pas avoir été signée avant.',
    );
    expect(fieldValue(early.text, 'signed_on')).toBe('2015-12-01');
    expect(early.text).toContain(
      'Le jour où le papier a été signé : au plus tôt le 15 décembre 2015, jour où cette version a été établie.',
    );
    expect(early.text).toContain('value="Bernard Mougin"');
    const future = await status(scan(coord, c.accId, c.structures[0].id, { signed_on: FUTURE }), 422);
    expect(future.text).toContain('La date de signature ne peut pas être dans le futur.');
    expect(fieldValue(future.text, 'signed_on')).toBe(FUTURE);
    expect(await signaturesOf(c.accId)).toHaveLength(0);
    // The scan of a refused form is not kept.
    expect(await t.db('documents').where({ accompaniment_id: c.accId, purpose: 'convention_scan' })).toHaveLength(0);
    // The day of issue itself is fine.
    await status(scan(coord, c.accId, c.structures[0].id, { signed_on: '2015-12-15' }), 302);
    expect((await signaturesOf(c.accId)).map((s) => s.signed_on)).toEqual(['2015-12-15']);
  });
});

describe('history never disappears: a structure that withdrew', () => {
  it('keeps its signature on the board, marked « sortie le … », before and after a new version', async () => {
    const { c, coord } = await generated();
    const leaving = c.structures[0];
    await status(
      scan(coord, c.accId, leaving.id, {
        signed_on: '2016-01-05',
        signatory_name: 'Odile Perrot',
        capacity: 'Présidente',
      }),
      302,
    );
    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.accId, organisation_id: leaving.id })
      .update({ status: 'withdrawn', withdrawn_on: '2016-11-15', withdrawal_reasons: 'Cessation d’activité.' });

    // Still a party of the version in force: its signature stays, with its exit; it is not chased.
    let page = await board(coord, c.accId);
    expect(page.text).toContain('Odile Perrot, Présidente, le 5 janvier 2016');
    expect(page.text).toContain('Sortie le 15 novembre 2016');
    const party = await partyOf(c.accId, leaving.id);
    expect(page.text).not.toContain(`/convention/sign?party=${party.id}"`);

    // A new version without it: its signature of version 1 stays on the board, marked.
    await generate(coord, c.accId, [], '2016-11-20').expect(302);
    page = await board(coord, c.accId);
    expect(page.text).toContain('Structures sorties du processus');
    expect(page.text).toMatch(
      new RegExp(
        `${leaving.name}<br>[\\s\\S]*?Sortie le 15 novembre 2016[\\s\\S]*?Odile Perrot, Présidente, le 5 janvier 2016 — signature de la version 1`,
      ),
    );
    // The other structure, still in, is a party of version 2 and not listed among those who left.
    const formerSection = page.text.slice(page.text.indexOf('Structures sorties du processus'));
    expect(formerSection.slice(0, formerSection.indexOf('</table>'))).not.toContain(c.structures[1].name);

    // Everyone who reads the board sees it: the funder too.
    const funder = await loginAs(t.app, c.funder.email);
    const seen = await board(funder, c.accId);
    expect(seen.text).toContain('Odile Perrot, Présidente, le 5 janvier 2016 — signature de la version 1');
  });

  it('is not « missing » when it left before signing: marked « sortie le … », neither chased nor offered to sign', async () => {
    const { c, coord } = await generated();
    const left = c.structures[1];
    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.accId, organisation_id: left.id })
      .update({ status: 'withdrawn', withdrawn_on: '2016-02-01', withdrawal_reasons: 'Projet abandonné.' });
    const page = await board(coord, c.accId);
    const row = page.text.slice(page.text.indexOf(`${left.name}<br>`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('Sortie le 1er février 2016');
    expect(row.slice(0, row.indexOf('</tr>'))).not.toContain('À signer');
    const section = await getCaseTab(coord.agent, c.accId, 'conventions').expect(200);
    expect(section.text).toMatch(/Manquent : [^<]*\./);
    expect(section.text.match(/Manquent : ([^<]*)\./)![1]).not.toContain(left.name);
    expect(section.text.match(/Manquent : ([^<]*)\./)![1]).toContain(c.structures[0].name);
  });
});
