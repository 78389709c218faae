import {
  beneficiaryOf,
  diagnosticCase,
  funderOf,
  recordValidation,
  selectedProvider,
  withdraw,
  writeDiagnostic,
} from '../factories/diagnostics';
import { createUser } from '../factories';
import { favourableOpinion } from '../factories/support-committee';
import { caseUrl } from '../../src/accompaniments/tabs';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOT_VALIDATED = 'Chaque structure accompagnée doit d’abord avoir validé le diagnostic partagé.';
const validations = (accId: string) =>
  t
    .db('diagnostic_validations')
    .where({ accompaniment_id: accId })
    .orderBy('organisation_id')
    .select('organisation_id', 'validated_on', 'validated_by_name', 'recorded_by');
const stateOf = async (id: string) => (await t.db('accompaniments').where({ id }).first('state')).state;

async function writtenCase(opts: Parameters<typeof diagnosticCase>[1] = {}) {
  const c = await diagnosticCase(t.db, opts);
  await writeDiagnostic(t.db, c.acc.id);
  return c;
}

describe('validation of the diagnostic by the structures', () => {
  it('lets the coordinator record each structure’s validation, shown on the board', async () => {
    const c = await writtenCase();
    const s = await loginAs(t.app, c.coordinator.email);
    let page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text.match(/En attente/g)).toHaveLength(2);
    expect(page.text).toContain('Enregistrer la validation');

    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: c.structures[0].id,
        validated_on: '2015-10-15',
        validated_by_name: 'Bernard Mougin',
      })
      .expect(302)
      .expect('Location', caseUrl(c.acc.id, 'diagnostic'));
    expect(await validations(c.acc.id)).toEqual([
      {
        organisation_id: c.structures[0].id,
        validated_on: '2015-10-15',
        validated_by_name: 'Bernard Mougin',
        recorded_by: c.coordinator.id,
      },
    ]);
    expect(await t.db('audit_log').where({ action: 'diagnostic.validate', entity_id: c.acc.id }).first()).toBeDefined();

    page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain(`Validation du diagnostic par la structure « ${c.structures[0].name} » enregistrée.`);
    expect(page.text).toContain('le 15 octobre 2015 par Bernard Mougin');
    expect(page.text.match(/En attente/g)).toHaveLength(1);

    // A second validation of the same structure is refused, its input kept.
    const again = await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: c.structures[0].id,
        validated_on: '2015-10-16',
        validated_by_name: 'Autre Personne',
      })
      .expect(422);
    expect(again.text).toContain('a déjà validé ce diagnostic');
    expect(again.text).toContain('value="Autre Personne"');
  });

  it('refuses a form with missing name, a date in the future, or no structure, in French', async () => {
    const c = await writtenCase();
    const s = await loginAs(t.app, c.coordinator.email);
    const nextYear = `${new Date().getFullYear() + 1}-06-15`;
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({ _csrf: s.csrf, organisation_id: '', validated_on: nextYear, validated_by_name: '' })
      .expect(422);
    expect(res.text).toContain('Choisissez la structure qui valide.');
    expect(res.text).toContain(
      'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
    );
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain(`value="${nextYear}"`);
    expect(await validations(c.acc.id)).toEqual([]);
  });

  it('lets a beneficiary validate for its own structure, with its name by default, and not for another', async () => {
    const c = await writtenCase();
    const odile = await beneficiaryOf(t.db, c.structures[1].id, 'Odile Perrot');
    const s = await loginAs(t.app, odile.email);
    const page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain(`Valider le diagnostic au nom de la structure « ${c.structures[1].name} »`);
    expect(page.text).toContain('value="Odile Perrot"');

    // For the other structure: forbidden, nothing written.
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: c.structures[0].id,
        validated_on: '2015-10-15',
        validated_by_name: 'Odile Perrot',
      })
      .expect(403);
    expect(await validations(c.acc.id)).toEqual([]);

    // For itself, with the name left empty: the user's name is used.
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({ _csrf: s.csrf, validated_on: '2015-10-14', validated_by_name: '' })
      .expect(302);
    expect(await validations(c.acc.id)).toEqual([
      {
        organisation_id: c.structures[1].id,
        validated_on: '2015-10-14',
        validated_by_name: 'Odile Perrot',
        recorded_by: odile.id,
      },
    ]);
    const audit = await t.db('audit_log').where({ action: 'diagnostic.validate', entity_id: c.acc.id }).first();
    expect(audit.actor_id).toBe(odile.id);

    // It may not withdraw validations: that is the operator's.
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations/${c.structures[1].id}/delete`)
      .type('form')
      .send({ _csrf: s.csrf })
      .expect(403);
  });

  it('refuses validations from a structure outside the case (404), providers and funders (403)', async () => {
    const c = await writtenCase();
    const other = await writtenCase();
    const outsider = await beneficiaryOf(t.db, other.structures[0].id);
    let s = await loginAs(t.app, outsider.email);
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({ _csrf: s.csrf, organisation_id: c.structures[0].id, validated_on: '2015-10-15', validated_by_name: 'X' })
      .expect(404);
    for (const u of [await selectedProvider(t.db, c.acc.id), await funderOf(t.db, c.acc.id)]) {
      s = await loginAs(t.app, u.email);
      await s.agent
        .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
        .type('form')
        .send({
          _csrf: s.csrf,
          organisation_id: c.structures[0].id,
          validated_on: '2015-10-15',
          validated_by_name: 'X',
        })
        .expect(403);
    }
    expect(await validations(c.acc.id)).toEqual([]);
  });

  it('has nothing to validate before the diagnostic is written', async () => {
    const c = await diagnosticCase(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: c.structures[0].id,
        validated_on: '2015-10-15',
        validated_by_name: 'Bernard Mougin',
      })
      .expect(422);
    expect(res.text).toContain('Le diagnostic n’est pas encore rédigé : il n’y a rien à valider.');
  });

  it('lets operator staff withdraw a validation (audited), only while the diagnostic is open', async () => {
    const c = await writtenCase();
    await recordValidation(t.db, c.acc.id, c.structures[0].id, 'Bernard Mougin');
    const s = await loginAs(t.app, c.coordinator.email);
    const page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toContain(
      `data-confirm="Annuler la validation de la structure « ${c.structures[0].name} » ? Elle devra valider de nouveau."`,
    );
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations/${c.structures[1].id}/delete`)
      .type('form')
      .send({ _csrf: s.csrf })
      .expect(404);
    await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations/${c.structures[0].id}/delete`)
      .type('form')
      .send({ _csrf: s.csrf })
      .expect(302);
    expect(await validations(c.acc.id)).toEqual([]);
    const audit = await t
      .db('audit_log')
      .where({ action: 'diagnostic.validation_delete', entity_id: c.acc.id })
      .first();
    expect(JSON.stringify(audit.details)).toContain('Bernard Mougin');

    const later = await writtenCase({ state: 'consultation' });
    await recordValidation(t.db, later.acc.id, later.structures[0].id);
    const s2 = await loginAs(t.app, later.coordinator.email);
    await s2.agent
      .post(`/accompaniments/${later.acc.id}/diagnostic/validations/${later.structures[0].id}/delete`)
      .type('form')
      .send({ _csrf: s2.csrf })
      .expect(302);
    expect(await validations(later.acc.id)).toHaveLength(1);
    const after = await getCaseTab(s2.agent, later.acc.id, 'diagnostic').expect(200);
    expect(after.text).toContain('Le diagnostic est validé et l’accompagnement est passé à l’étape suivante');
    const record = await s2.agent
      .post(`/accompaniments/${later.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s2.csrf,
        organisation_id: later.structures[1].id,
        validated_on: '2015-10-15',
        validated_by_name: 'X',
      })
      .expect(422);
    expect(record.text).toContain('Le diagnostic est validé');
  });
});

describe('the lifecycle guard: diagnostic → consultation', () => {
  const move = (s: Awaited<ReturnType<typeof loginAs>>, accId: string) =>
    s.agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'consultation', on_date: '2015-10-20' });

  it('refuses the move until every active structure has validated, then allows it', async () => {
    const c = await writtenCase({ structures: ['Energie Emploi', 'Intermed', 'Chacasol'] });
    await favourableOpinion(t.db, c.acc.id); // the comité d'appui's gate, tested in test/support-committee
    const s = await loginAs(t.app, c.coordinator.email);

    let res = await move(s, c.acc.id).expect(422);
    expect(res.text).toContain(NOT_VALIDATED);
    for (const [i, structure] of c.structures.entries()) {
      await s.agent
        .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
        .type('form')
        .send({
          _csrf: s.csrf,
          organisation_id: structure.id,
          validated_on: '2015-10-15',
          validated_by_name: `Signataire ${i}`,
        })
        .expect(302);
      if (i < c.structures.length - 1) {
        res = await move(s, c.acc.id).expect(422);
        expect(res.text).toContain(NOT_VALIDATED);
        expect(await stateOf(c.acc.id)).toBe('diagnostic');
      }
    }
    await move(s, c.acc.id).expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
  });

  it('does not wait for a structure that withdrew', async () => {
    const c = await writtenCase({ structures: ['Energie Emploi', 'Intermed', 'Chamois'] });
    await favourableOpinion(t.db, c.acc.id);
    await recordValidation(t.db, c.acc.id, c.structures[0].id);
    await recordValidation(t.db, c.acc.id, c.structures[1].id);
    const s = await loginAs(t.app, c.coordinator.email);
    expect((await move(s, c.acc.id).expect(422)).text).toContain(NOT_VALIDATED);

    await withdraw(t.db, c.acc.id, c.structures[2].id);
    const page = await getCaseTab(s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toMatch(
      new RegExp(
        `${c.structures[2].name} <span class="badge">sortie le 1er octobre 2015</span></th>\\s*<td>\\s*<span class="muted">Sortie du processus, sans validation requise</span>`,
      ),
    );
    expect(page.text).not.toContain('En attente');
    await move(s, c.acc.id).expect(302);
    expect(await stateOf(c.acc.id)).toBe('consultation');
  });

  it('does not let a withdrawn structure validate', async () => {
    const c = await writtenCase();
    await withdraw(t.db, c.acc.id, c.structures[0].id);
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({ _csrf: s.csrf, organisation_id: c.structures[0].id, validated_on: '2015-10-15', validated_by_name: 'X' })
      .expect(422);
    expect(res.text).toContain('Cette structure ne fait pas (ou plus) partie de l’accompagnement.');
    const stranger = await createUser(t.db, { role: 'beneficiary' });
    const res2 = await s.agent
      .post(`/accompaniments/${c.acc.id}/diagnostic/validations`)
      .type('form')
      .send({
        _csrf: s.csrf,
        organisation_id: stranger.organisation_id,
        validated_on: '2015-10-15',
        validated_by_name: 'X',
      })
      .expect(422);
    expect(res2.text).toContain('Cette structure ne fait pas (ou plus) partie de l’accompagnement.');
  });
});
