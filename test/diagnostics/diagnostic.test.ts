import caseData from '../../seeds/data/belfort-ges-case.json';
import { createUser } from '../factories';
import {
  beneficiaryOf,
  diagnosticCase,
  funderOf,
  recordValidation,
  selectedProvider,
  writeDiagnostic,
} from '../factories/diagnostics';
import { caseUrl } from '../../src/accompaniments/tabs';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const THEMES = caseData.objectives.mutualisation_themes;
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

async function asCoordinator(opts: Parameters<typeof diagnosticCase>[1] = {}) {
  const c = await diagnosticCase(t.db, opts);
  const session = await loginAs(t.app, c.coordinator.email);
  return { ...c, ...session };
}

/** The edit form as a browser posts it: parallel theme/aim fields, empty rows included. */
function editForm(csrf: string, fields: Record<string, string>, rows: { theme: string; aim: string }[]) {
  const parts = [`_csrf=${encodeURIComponent(csrf)}`];
  for (const [k, v] of Object.entries(fields)) parts.push(`${k}=${encodeURIComponent(v)}`);
  for (const r of rows) parts.push(`theme=${encodeURIComponent(r.theme)}`, `aim=${encodeURIComponent(r.aim)}`);
  return parts.join('&');
}

/** The version the edit form carries (optimistic locking). */
const lockIn = (html: string) => html.match(/name="lock_version" value="(\d+)"/)![1];

describe('writing the shared diagnostic', () => {
  it('records the Belfort texts and the eight mutualisation themes, and shows them on the case page', async () => {
    const c = await asCoordinator();
    const form = await c.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    expect(form.text).toContain('Objectifs par thème');
    // Nothing saved yet: three empty rows are offered.
    expect(form.text.match(/name="theme"/g)).toHaveLength(3);

    const findings = caseData.diagnostic.findings.map((f) => `- ${f}`).join('\n');
    const context = caseData.diagnostic.context.join('\n');
    const rows = [...THEMES, { theme: '', aim: '' }, { theme: '', aim: '' }];
    await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send(
        editForm(
          c.csrf,
          {
            findings,
            context,
            recommendations: caseData.objectives.general.join('\n'),
            days: '5',
            written_on: '2015-10-01',
            lock_version: lockIn(form.text),
          },
          rows,
        ),
      )
      .expect(302)
      .expect('Location', caseUrl(c.acc.id, 'diagnostic'));

    const saved = await t
      .db('diagnostic_objectives')
      .where({ accompaniment_id: c.acc.id })
      .orderBy('position')
      .select('theme', 'aim', 'position');
    expect(saved).toEqual(THEMES.map((x, i) => ({ ...x, position: i + 1 })));
    const d = await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first();
    expect(Number(d.days)).toBe(5);
    expect(d.written_on).toBe('2015-10-01');
    expect(d.findings.split('\n')).toHaveLength(6);
    expect(await t.db('audit_log').where({ action: 'diagnostic.update', entity_id: c.acc.id }).first()).toBeDefined();

    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain('Diagnostic enregistré.');
    for (const x of THEMES) {
      expect(page.text).toContain(`<th scope="row">${esc(x.theme)}</th><td>${esc(x.aim)}</td>`);
    }
    // "- " lines are a list; other lines are paragraphs.
    expect(page.text).toContain(`<li>${esc(caseData.diagnostic.findings[0])}</li>`);
    expect(page.text).toContain(`<p>${esc(caseData.diagnostic.context[0])}</p>`);
    expect(page.text).toContain('1er octobre 2015');
    expect(page.text).toMatch(/5 j/);

    // Editing again shows the eight rows plus three empty ones.
    const again = await c.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    expect(again.text.match(/name="theme"/g)).toHaveLength(11);
    expect(again.text).toContain(`value="${esc('Accompagnement socio-professionnel')}"`);
  });

  it('refuses an aim without a theme and a bad date, keeping everything typed', async () => {
    const c = await asCoordinator();
    const res = await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send(
        editForm(
          c.csrf,
          {
            findings: 'Peu de communication commerciale.',
            context: 'Baisse des subventions.',
            recommendations: '',
            days: 'cinq',
            written_on: '2015-13-40',
          },
          [
            { theme: 'Comptabilité', aim: 'Service comptable commun et outils de prévision.' },
            { theme: '', aim: '' },
            { theme: '', aim: 'Achats groupés : pouvoir de négociation.' },
          ],
        ),
      )
      .expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toContain('Ligne 2 : indiquez le thème de cet objectif.');
    expect(res.text).toContain('Saisissez un nombre');
    expect(res.text).toContain('Saisissez une date valide');
    expect(res.text).toContain('aria-invalid="true"');
    // Input kept: texts, the bad values, and both non-empty rows (the empty one dropped), then 3 empty rows.
    expect(res.text).toContain('Peu de communication commerciale.');
    expect(res.text).toContain('value="cinq"');
    expect(res.text).toContain('Achats groupés : pouvoir de négociation.');
    expect(res.text).toContain('value="Comptabilité"');
    expect(res.text.match(/name="theme"/g)).toHaveLength(5);
    expect(await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first()).toBeUndefined();
    expect(await t.db('diagnostic_objectives').where({ accompaniment_id: c.acc.id }).first()).toBeUndefined();
  });

  it('withdraws the validations when the content changes, not when only the days or date do', async () => {
    const c = await asCoordinator();
    await writeDiagnostic(t.db, c.acc.id, {}, THEMES.slice(0, 2));
    await recordValidation(t.db, c.acc.id, c.structures[0].id);
    const d = await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first();

    const form = await c.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    expect(form.text).toContain('Ce diagnostic a déjà été validé par 1 structure.');
    expect(form.text).toContain('ces validations seront annulées');

    const same = {
      findings: d.findings,
      context: d.context,
      recommendations: d.recommendations,
      written_on: '2015-10-02',
      lock_version: lockIn(form.text),
    };
    await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send(editForm(c.csrf, { ...same, days: '4,5' }, THEMES.slice(0, 2)))
      .expect(302);
    expect(
      Number((await t.db('diagnostic_validations').where({ accompaniment_id: c.acc.id }).count({ n: '*' }))[0].n),
    ).toBe(1);
    expect(Number((await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first('days')).days)).toBe(4.5);

    const again = await c.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send(editForm(c.csrf, { ...same, days: '4,5', lock_version: lockIn(again.text) }, THEMES.slice(0, 3)))
      .expect(302);
    expect(await t.db('diagnostic_validations').where({ accompaniment_id: c.acc.id }).first()).toBeUndefined();
    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain('la validation de 1 structure est annulée');
    const audit = await t
      .db('audit_log')
      .where({ action: 'diagnostic.validations_withdrawn', entity_id: c.acc.id })
      .first();
    expect(JSON.stringify(audit.details)).toContain('Odile Perrot');
  });

  it('is frozen once the case has moved on to the consultation', async () => {
    const c = await asCoordinator({ state: 'consultation' });
    await writeDiagnostic(t.db, c.acc.id);
    const get = await c.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(302);
    expect(get.headers.location).toBe(caseUrl(c.acc.id, 'diagnostic'));
    const res = await c.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send(
        editForm(
          c.csrf,
          { findings: 'Nouveau constat', context: '', recommendations: '', days: '', written_on: '' },
          [],
        ),
      )
      .expect(422);
    expect(res.text).toContain('Le diagnostic est validé et l’accompagnement est passé à l’étape suivante');
    expect(res.text).toContain('Nouveau constat');
    expect((await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first()).findings).not.toBe(
      'Nouveau constat',
    );
    const page = await getCaseTab(c.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).not.toContain('/diagnostic/edit"');
  });
});

describe('who sees and who writes the diagnostic', () => {
  it('lets only operator staff edit: others in scope get 403, other operators 404', async () => {
    const c = await diagnosticCase(t.db);
    await writeDiagnostic(t.db, c.acc.id);
    const beneficiary = await beneficiaryOf(t.db, c.structures[0].id);
    const provider = await selectedProvider(t.db, c.acc.id);
    const funder = await funderOf(t.db, c.acc.id);
    for (const u of [beneficiary, provider, funder]) {
      const s = await loginAs(t.app, u.email);
      await s.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(403);
      await s.agent
        .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
        .type('form')
        .send({ _csrf: s.csrf, findings: 'x' })
        .expect(403);
    }
    const stranger = await createUser(t.db, { role: 'coordinator' });
    const s = await loginAs(t.app, stranger.email);
    await s.agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(404);
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/edit`)
      .type('form')
      .send({ _csrf: s.csrf, findings: 'x' })
      .expect(404);
    expect((await t.db('diagnostics').where({ accompaniment_id: c.acc.id }).first()).findings).not.toBe('x');
  });

  it('shows the narrative to the structures and the selected provider, not to funders', async () => {
    const c = await diagnosticCase(t.db);
    await writeDiagnostic(
      t.db,
      c.acc.id,
      { findings: 'Difficulté à renouveler les administrateurs.' },
      THEMES.slice(7),
    );
    const beneficiary = await beneficiaryOf(t.db, c.structures[1].id);
    const provider = await selectedProvider(t.db, c.acc.id);
    for (const u of [beneficiary, provider]) {
      const s = await loginAs(t.app, u.email);
      const page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
      expect(page.text).toContain('Difficulté à renouveler les administrateurs.');
      expect(page.text).not.toContain('/diagnostic/edit"');
    }
    const funder = await funderOf(t.db, c.acc.id);
    const s = await loginAs(t.app, funder.email);
    const page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).not.toContain('Difficulté à renouveler les administrateurs.');
    expect(page.text).toContain(
      'Le contenu du diagnostic (constats, contexte, préconisations, pièces jointes) est réservé',
    );
    // The milestone facts remain: objectives by theme and the validation board.
    expect(page.text).toContain(esc(THEMES[7].aim));
    expect(page.text).toContain('Validation par les structures');
    expect(csrfOf(page.text)).toBeTruthy();
  });
});
