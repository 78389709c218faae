import { createOrganisation } from '../factories';
import { createCommitteeMeeting, pathwayOf } from '../factories/support-committee';
import { closeOutCase } from '../handoffs/fixture';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { timelineEntries } from '../support/timeline';

// The timeline's entries for the comité d'appui's opinions (on the day it gave them) and the
// satisfaction surveys (on the day the structure answered), each seen only by who may see it.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const answers = {
  score_quality: '4',
  score_listening: '5',
  score_deliverables: '3',
  score_overall: '4',
  comment: 'Commentaire confidentiel de la structure.',
};

/** Strips the icon, « saisi le … » and « Saisi par … » from an entry's text. */
const bare = (e: string) =>
  e
    .replace(/ \(saisi le [^)]*\)/, '')
    .replace(/ [⚐☺] /, ' ')
    .split(' Saisi par')[0];

async function pastCase() {
  const c = await closeOutCase(t); // Belfort at close-out on 15 November 2016
  const { db } = t;
  const opinion = async (o: {
    structure: string;
    subject: string;
    opinion: string;
    on: string;
    about: string | null;
    status?: 'held' | 'planned';
    operatorId?: string;
    comment?: string;
  }) => {
    const operatorId = o.operatorId ?? c.operator.id;
    const pathwayId = await pathwayOf(db, operatorId, o.structure);
    const meetingId = await createCommitteeMeeting(db, operatorId, { meetsOn: o.on, status: o.status ?? 'held' });
    await db('support_committee_items').insert({
      meeting_id: meetingId,
      pathway_id: pathwayId,
      subject: o.subject,
      accompaniment_id: o.about,
      summary: 'Résumé.',
      opinion: o.opinion,
      opinion_comment: o.comment ?? null,
      opinion_on: o.on,
      opinion_by: c.coordinator.id,
    });
  };
  const s = c.structures;
  // Chamois's diagnostic (it left the case since: its opinion happened), Energie Emploi's plan to
  // rework then favourable, and the terms of reference of the case itself.
  await opinion({
    structure: s.chamois.id,
    subject: 'diagnostic',
    opinion: 'favorable',
    on: '2015-09-22',
    about: null,
  });
  await opinion({
    structure: s.energie.id,
    subject: 'plan',
    opinion: 'rework',
    on: '2015-09-29',
    about: null,
    comment: 'Préciser le calendrier.',
  });
  await opinion({
    structure: s.intermed.id,
    subject: 'terms_of_reference',
    opinion: 'favorable_with_reservations',
    on: '2015-10-13',
    about: c.accId,
  });
  // Not about this case: another operator's committee on the same structure, and a meeting not held.
  const other = await createOrganisation(db, { kind: 'operator', name: `Autre DLA ${c.tag}` });
  await opinion({
    structure: s.energie.id,
    subject: 'diagnostic',
    opinion: 'unfavorable',
    on: '2015-09-30',
    about: null,
    operatorId: other.id,
  });
  await opinion({
    structure: s.chacasol.id,
    subject: 'diagnostic',
    opinion: 'unfavorable',
    on: '2015-10-01',
    about: null,
    status: 'planned',
  });

  // Surveys: Chacasol's keyed in by the coordinator on 2 December 2016, Intermed answers its own on the 5th.
  const co = await loginAs(t.app, c.coordinator.email);
  const url = (orgId: string) => `/accompaniments/${c.accId}/close-out/survey/${orgId}`;
  await co.agent
    .post(url(s.chacasol.id))
    .type('form')
    .send({ _csrf: co.csrf, lock_version: '', ...answers, answered_on: '2016-12-02' })
    .expect(302);
  const b = await loginAs(t.app, c.beneficiaryUser.email);
  await b.agent
    .post(url(s.intermed.id))
    .type('form')
    .send({ _csrf: b.csrf, lock_version: '', ...answers, answered_on: '2016-12-05' })
    .expect(302);
  return { ...c, co, b };
}

describe('committee opinions and surveys on the timeline', () => {
  it('are dated by the days entered, in their order, with readable French labels', async () => {
    const c = await pastCase();
    const page = await c.co.agent.get(`/accompaniments/${c.accId}/timeline?kinds=committee&kinds=surveys`).expect(200);
    const s = c.structures;
    expect(timelineEntries(page.text).map(bare)).toEqual([
      `22 septembre 2015 Comité d’appui Avis favorable du comité d’appui — Diagnostic, parcours de ${s.chamois.name}`,
      `29 septembre 2015 Comité d’appui Le comité d’appui demande de retravailler — Plan de parcours, parcours de ${s.energie.name} Commentaire du comité : Préciser le calendrier.`,
      `13 octobre 2015 Comité d’appui Avis favorable avec réserves du comité d’appui — Cahier des charges, parcours de ${s.intermed.name}`,
      `2 décembre 2016 Satisfaction Questionnaire de satisfaction de ${s.chacasol.name}, recueilli par l’opérateur`,
      `5 décembre 2016 Satisfaction Questionnaire de satisfaction rempli par ${s.intermed.name}`,
    ]);
    // Who answered and when, never the scores or the comment.
    expect(page.text).not.toContain('Commentaire confidentiel de la structure.');
    expect(page.text).toContain('id="kind-committee"');
    expect(page.text).toContain('id="kind-surveys"');
  });

  it('the opinions stay with the operator; a structure reads its own survey only; the provider and the funder neither', async () => {
    const c = await pastCase();
    const s = c.structures;
    const own = await c.b.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200);
    expect(own.text).toContain(`Questionnaire de satisfaction rempli par ${s.intermed.name}`);
    expect(own.text).not.toContain(`Questionnaire de satisfaction de ${s.chacasol.name}`);
    expect(own.text).not.toContain('comité d’appui');
    expect(own.text).not.toContain('id="kind-committee"');
    // Asking for the committee's kind by hand changes nothing.
    const asked = await c.b.agent.get(`/accompaniments/${c.accId}/timeline?kinds=committee`).expect(200);
    expect(asked.text).not.toContain('comité d’appui');

    for (const email of [c.consultant.email, c.funderUser.email]) {
      const other = await loginAs(t.app, email);
      const page = await other.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200);
      expect(page.text).not.toContain('Questionnaire de satisfaction');
      expect(page.text).not.toContain('comité d’appui');
      expect(page.text).not.toContain('id="kind-committee"');
      expect(page.text).not.toContain('id="kind-surveys"');
    }
  });
});
