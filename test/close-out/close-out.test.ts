import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { withdraw, writeDiagnostic } from '../factories/diagnostics';
import { createSession } from '../factories/sessions';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const OBJECTIVES = [
  { theme: 'Gouvernance', aim: 'Structure chapeau avec un conseil d’administration commun.' },
  { theme: 'Comptabilité', aim: 'Service comptable commun et outils de prévision.' },
];

/** A case in delivery with two structures, a third one withdrawn, and two objectives. */
async function closeOutCase() {
  const c = await deliveryCase(t.db);
  await writeDiagnostic(t.db, c.acc.id, {}, OBJECTIVES);
  return c;
}

const answers = (o: Partial<Record<string, string>> = {}) => ({
  score_quality: '4',
  score_listening: '5',
  score_deliverables: '3',
  score_overall: '4',
  comment: 'Très bon accompagnement.',
  ...o,
});
const surveyUrl = (accId: string, orgId: string) => `/accompaniments/${accId}/close-out/survey/${orgId}`;
const surveysOf = (accId: string) =>
  t.db('satisfaction_surveys').where({ accompaniment_id: accId }).orderBy('id').select();

describe('close-out checklist', () => {
  it('reflects the record: restitution, final report, surveys per active structure, results, case sheet', async () => {
    const c = await closeOutCase();
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const before = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(before.text).toContain('Aucune réunion de restitution');
    expect(before.text).toContain(`href="/accompaniments/${c.acc.id}/sessions/new?type=restitution"`);
    expect(before.text).toContain('Rapport final de mission non attendu à ce jour');
    expect(before.text).toContain('Questionnaires de satisfaction : 0 sur 2 structures');
    expect(before.text).toContain('Résultats par objectif : 0 sur 2 renseignés');
    expect(before.text).toContain(`href="/accompaniments/${c.acc.id}/case-sheet"`);
    expect(before.text).toContain('0 étapes sur 6 réalisées.');

    // A planned restitution is not a held one; a final report under review is not accepted.
    await createSession(t.db, c.acc.id, {
      type: 'restitution',
      status: 'planned',
      starts_at: new Date('2016-11-15T13:00:00Z'),
    });
    const reportId = await createDeliverable(t.db, c.acc.id, {
      type: 'final_report',
      title: 'Rapport final',
      status: 'submitted',
    });
    const planned = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(planned.text).toContain('Réunion de restitution prévue le 15 novembre 2016, pas encore tenue');
    expect(planned.text).toContain('Rapport final de mission : Remis, à valider');

    await t.db('sessions').where({ accompaniment_id: c.acc.id, type: 'restitution' }).update({ status: 'held' });
    await t.db('deliverables').where({ id: reportId }).update({ status: 'accepted' });
    await t.db('satisfaction_surveys').insert({
      accompaniment_id: c.acc.id,
      organisation_id: c.structures[0].id,
      score_quality: 4,
      score_listening: 4,
      score_deliverables: 4,
      score_overall: 4,
      answered_by: c.coordinator.id,
      on_behalf: true,
    });
    const after = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(after.text).toContain('Réunion de restitution tenue le 15 novembre 2016');
    expect(after.text).toContain('Rapport final de mission : Validé');
    expect(after.text).toContain('Questionnaires de satisfaction : 1 sur 2 structures');
    expect(after.text).toMatch(new RegExp(`data-survey="${c.structures[1].id}">[^<]*à remplir`));
    expect(after.text).toContain('2 étapes sur 6 réalisées.');

    // A structure that withdrew owes no survey.
    await withdraw(t.db, c.acc.id, c.structures[1].id);
    const withdrawn = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(withdrawn.text).toContain('Questionnaires de satisfaction : 1 sur 1 structures');
    await agent.get(surveyUrl(c.acc.id, c.structures[1].id)).expect(404);

    // The accompaniment page shows the same checklist in its close-out section.
    const page = await getCaseTab(agent, c.acc.id, 'close-out').expect(200);
    expect(page.text).toContain('id="close-out"');
    expect(page.text).toContain('3 étapes sur 6 réalisées.');
  });

  it('is not on the accompaniment page before delivery, and is out of reach out of scope', async () => {
    const early = await deliveryCase(t.db);
    await t.db('accompaniments').where({ id: early.acc.id }).update({ state: 'diagnostic' });
    const { agent } = await loginAs(t.app, early.coordinator.email);
    const page = await getCaseTab(agent, early.acc.id, 'close-out').expect(200);
    expect(page.text).not.toContain('id="close-out"');
    const other = await closeOutCase();
    await agent.get(`/accompaniments/${other.acc.id}/close-out`).expect(404);
    await agent.get(surveyUrl(other.acc.id, other.structures[0].id)).expect(404);
    await agent.get(`/accompaniments/${other.acc.id}/close-out/results`).expect(404);
  });
});

describe('satisfaction survey', () => {
  it('is answered by the structure’s own user, and refused on another structure’s', async () => {
    const c = await closeOutCase();
    const { agent, csrf } = await loginAs(t.app, c.beneficiary.email);
    const overview = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(overview.text).toContain(`href="${surveyUrl(c.acc.id, c.structures[0].id)}"`);
    expect(overview.text).not.toContain(`href="${surveyUrl(c.acc.id, c.structures[1].id)}"`);

    const form = await agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(200);
    expect(form.text).not.toMatch(/Vous saisissez les réponses au nom (de |d’)/);
    await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrfOf(form.text), lock_version: '', ...answers() })
      .expect(302);
    const [row] = await surveysOf(c.acc.id);
    expect(row).toMatchObject({
      organisation_id: c.structures[0].id,
      score_quality: 4,
      score_listening: 5,
      score_deliverables: 3,
      score_overall: 4,
      answered_by: c.beneficiary.id,
      on_behalf: false,
      lock_version: 0,
    });
    expect(
      await t.db('audit_log').where({ action: 'close_out.survey.save', entity_id: c.acc.id }).count('* as n').first(),
    ).toMatchObject({ n: '1' });

    // Another structure of the same case: forbidden; a structure not in the case: not found.
    await agent.get(surveyUrl(c.acc.id, c.structures[1].id)).expect(403);
    await agent
      .post(surveyUrl(c.acc.id, c.structures[1].id))
      .type('form')
      .send({ _csrf: csrf, ...answers() })
      .expect(403);
    await agent.get(surveyUrl(c.acc.id, c.operator.id)).expect(404);
    expect(await surveysOf(c.acc.id)).toHaveLength(1);

    // Answered once, the answers are read-only for the structure: shown, never a form again.
    const overviewAfter = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(overviewAfter.text).toContain('Voir vos réponses');
    const readOnly = await agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(200);
    expect(readOnly.text).toContain('Vos réponses du');
    expect(readOnly.text).toContain('Très bon accompagnement.');
    expect(readOnly.text).not.toContain('name="score_overall"');
    await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrf, lock_version: '0', ...answers({ score_overall: '1' }) })
      .expect(403);
    expect((await surveysOf(c.acc.id))[0]).toMatchObject({ score_overall: 4, lock_version: 0 });

    // The operator's staff still correct them. Editing keeps the version: a stale form is refused with the input kept.
    const staff = await loginAs(t.app, c.coordinator.email);
    const edit = await staff.agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(200);
    expect(edit.text).toContain('name="lock_version" value="0"');
    expect(edit.text).toMatch(/name="score_listening" value="5" checked/);
    await staff.agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: staff.csrf, lock_version: '0', ...answers({ score_overall: '5' }) })
      .expect(302);
    const stale = await staff.agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: staff.csrf, lock_version: '0', ...answers({ comment: 'Mon ancienne version' }) })
      .expect(409);
    expect(stale.text).toContain('Quelqu’un a enregistré ce formulaire entre-temps');
    expect(stale.text).toContain('Mon ancienne version</textarea>');
    expect(stale.text).toContain('name="lock_version" value="1"');
    expect((await surveysOf(c.acc.id))[0]).toMatchObject({
      score_overall: 5,
      comment: 'Très bon accompagnement.',
      lock_version: 1,
    });
  });

  it('is entered by the operator’s staff on a structure’s behalf, recording who', async () => {
    const c = await closeOutCase();
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const form = await agent.get(surveyUrl(c.acc.id, c.structures[1].id)).expect(200);
    expect(form.text).toMatch(/Vous saisissez les réponses au nom (de |d’)/);
    await agent
      .post(surveyUrl(c.acc.id, c.structures[1].id))
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...answers({ comment: '' }) })
      .expect(302);
    expect((await surveysOf(c.acc.id))[0]).toMatchObject({
      answered_by: c.coordinator.id,
      on_behalf: true,
      comment: null,
    });
    const page = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(page.text).toContain(`${c.coordinator.name}, pour la structure`);
  });

  it('refuses a score out of 1–5 or a too long comment, in French, keeping the input', async () => {
    const c = await closeOutCase();
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    const long = 'x'.repeat(2001);
    const res = await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({
        _csrf: csrf,
        ...answers({ score_quality: '0', score_listening: '6', score_deliverables: '', comment: long }),
        score_overall: '3',
      })
      .expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toMatch(/id="field-score_quality-error">Choisissez une note de 1 à 5.</);
    expect(res.text).toMatch(/id="field-score_listening-error">Choisissez une note de 1 à 5.</);
    expect(res.text).toMatch(/id="field-score_deliverables-error">Choisissez une note de 1 à 5.</);
    expect(res.text).toMatch(/id="field-comment-error">2000 caractères au maximum.</);
    expect(res.text).toContain(`${long}</textarea>`);
    expect(res.text).toMatch(/name="score_overall" value="3" checked/);
    expect(await surveysOf(c.acc.id)).toEqual([]);
  });

  it('shows the provider and the funder the averages only, never a structure’s answers', async () => {
    const c = await closeOutCase();
    for (const [i, s] of c.structures.entries()) {
      await t.db('satisfaction_surveys').insert({
        accompaniment_id: c.acc.id,
        organisation_id: s.id,
        score_quality: 3 + i,
        score_listening: 4,
        score_deliverables: 5 - i,
        score_overall: 4 + i,
        comment: `Commentaire confidentiel ${i}`,
        answered_by: c.coordinator.id,
        on_behalf: true,
      });
    }
    for (const u of [c.provider, c.funder]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      const page = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
      expect(page.text).toContain('Moyenne des questionnaires (2 réponse·s), sur 5');
      expect(page.text).toMatch(/data-average="score_quality">3,5 \/ 5</);
      expect(page.text).toMatch(/data-average="score_deliverables">4,5 \/ 5</);
      expect(page.text).toMatch(/data-average="score_overall">4,5 \/ 5</);
      expect(page.text).not.toContain('Commentaire confidentiel');
      expect(page.text).not.toContain('survey-table');
      await agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(403);
      await agent
        .post(surveyUrl(c.acc.id, c.structures[0].id))
        .type('form')
        .send({ _csrf: csrf, ...answers() })
        .expect(403);
      await agent.get(`/accompaniments/${c.acc.id}/close-out/results`).expect(403);
    }
    // The coordinator reads each structure's answers.
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const page = await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(page.text).toContain('Commentaire confidentiel 0');
    expect(page.text).toContain('Commentaire confidentiel 1');
  });
});

describe('results per objective and new needs', () => {
  it('saves a result per objective and the new needs, then shows them to the funder', async () => {
    const c = await closeOutCase();
    const objectives = await t
      .db('diagnostic_objectives')
      .where({ accompaniment_id: c.acc.id })
      .orderBy('position')
      .select('id');
    const [gov, acct] = objectives.map((o) => String(o.id));
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const form = await agent.get(`/accompaniments/${c.acc.id}/close-out/results`).expect(200);
    expect(form.text).toContain('Structure chapeau avec un conseil d’administration commun.');
    await agent
      .post(`/accompaniments/${c.acc.id}/close-out/results`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        lock_version: '0',
        [`result_${gov}`]: 'partly',
        [`comment_${gov}`]: 'Association support prévue courant 2017.',
        [`result_${acct}`]: 'met',
        [`comment_${acct}`]: '',
        new_needs: 'Comptabilité commune\r\n\r\n  Fusion des logiciels  ',
      })
      .expect(302);
    expect(
      await t
        .db('objective_results')
        .where({ accompaniment_id: c.acc.id })
        .orderBy('objective_id')
        .select('objective_id', 'result', 'comment'),
    ).toEqual([
      { objective_id: gov, result: 'partly', comment: 'Association support prévue courant 2017.' },
      { objective_id: acct, result: 'met', comment: null },
    ]);
    expect(await t.db('close_outs').where({ accompaniment_id: c.acc.id }).first('new_needs', 'lock_version')).toEqual({
      new_needs: ['Comptabilité commune', 'Fusion des logiciels'],
      lock_version: 1,
    });

    const { agent: funder } = await loginAs(t.app, c.funder.email);
    const page = await funder.get(`/accompaniments/${c.acc.id}/close-out`).expect(200);
    expect(page.text).toContain('Atteint en partie');
    expect(page.text).toContain('Association support prévue courant 2017.');
    expect(page.text).toContain('<li>Fusion des logiciels</li>');
    expect(page.text).toContain('Résultats par objectif : 2 sur 2 renseignés');
  });

  it('refuses a comment without a result, an unknown result or a too long need, keeping the input', async () => {
    const c = await closeOutCase();
    const [gov, acct] = (
      await t.db('diagnostic_objectives').where({ accompaniment_id: c.acc.id }).orderBy('position').select('id')
    ).map((o) => String(o.id));
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    const res = await agent
      .post(`/accompaniments/${c.acc.id}/close-out/results`)
      .type('form')
      .send({
        _csrf: csrf,
        lock_version: '0',
        [`result_${gov}`]: '',
        [`comment_${gov}`]: 'Sans résultat',
        [`result_${acct}`]: 'maybe',
        new_needs: 'y'.repeat(201),
      })
      .expect(422);
    expect(res.text).toMatch(new RegExp(`id="field-result_${gov}-error">Choisissez un résultat pour cet objectif`));
    expect(res.text).toMatch(new RegExp(`id="field-result_${acct}-error">Choisissez une valeur dans la liste.`));
    expect(res.text).toMatch(/id="field-new_needs-error">Une des lignes est trop longue.</);
    expect(res.text).toContain('Sans résultat</textarea>');
    expect(await t.db('objective_results').where({ accompaniment_id: c.acc.id })).toEqual([]);
    expect(await t.db('close_outs').where({ accompaniment_id: c.acc.id }).first()).toBeUndefined();

    // A beneficiary never records results.
    const { agent: structure, csrf: csrf2 } = await loginAs(t.app, c.beneficiary.email);
    await structure.get(`/accompaniments/${c.acc.id}/close-out/results`).expect(403);
    await structure
      .post(`/accompaniments/${c.acc.id}/close-out/results`)
      .type('form')
      .send({ _csrf: csrf2, lock_version: '0', new_needs: 'X' })
      .expect(403);
  });
});
