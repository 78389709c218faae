import { createUser } from '../factories';
import { closeOutCase } from '../handoffs/fixture';
import { localToday } from '../../src/platform/dates';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { timelineEntries } from '../support/timeline';

// Issue 21, every event on the timeline: besides what was there (signatures, deliverable versions and
// reviews, handoff and acknowledgement, surveys, checkpoints held, committee opinions), the
// consultation's launch and each proposal received, a structure's consent to its funders reading a
// deliverable, an override of the comité d'appui's gate, and the follow-up checkpoints still to come
// (as planned, like a phase's planned dates). Each on its day, with who recorded it when known.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Strips the icon, « saisi le … » and « Saisi par … » from an entry's text. */
const bare = (e: string) =>
  e
    .replace(/ \(saisi le [^)]*\)/, '')
    .replace(/ [⚖▣⚐↪] /, ' ')
    .split(' Saisi par')[0];

const nextYear = () => `${Number(localToday().slice(0, 4)) + 1}-06-01`;

async function pastCase() {
  const c = await closeOutCase(t); // Belfort at close-out on 15 November 2016, Chamois out since that day
  const { db } = t;
  // The consultation launched on 20 October 2015, COORACE's proposal received on 5 November.
  await db('consultations')
    .insert({ accompaniment_id: c.accId, launched_on: '2015-10-20' })
    .onConflict('accompaniment_id')
    .merge(['launched_on']);
  await db('consultation_bids')
    .where({ accompaniment_id: c.accId, provider_id: c.provider.id })
    .update({ received_on: '2015-11-05' });
  // The director opened the consultation without the comité d'appui's opinion on 14 October 2015.
  await db('support_committee_overrides').insert({
    accompaniment_id: c.accId,
    reason: 'Comité d’appui reporté à décembre ; calendrier des structures.',
    decided_on: '2015-10-14',
    decided_by: c.manager.id,
  });
  // Intermed consents on 12 October 2016 (the fixture's Energie Emploi consented on 20 November).
  const deliverable = await db('deliverables')
    .where({ accompaniment_id: c.accId, title: 'Texte fédérateur' })
    .first('id');
  await db('deliverable_consents').insert({
    deliverable_id: deliverable.id,
    organisation_id: c.structures.intermed.id,
    scope: 'funders',
    signatory_name: 'Nadia Belkacem',
    given_on: '2016-10-12',
    given_by: c.beneficiaryUser.id,
  });
  // Checkpoints not held: one overdue since 2017 (not an event: left out), one still to come.
  await db('follow_up_checkpoints').insert([
    { accompaniment_id: c.accId, offset_months: 12, due_on: '2017-11-15' },
    { accompaniment_id: c.accId, offset_months: 18, due_on: nextYear() },
  ]);
  return c;
}

describe('more events on the timeline', () => {
  it('are dated by the days entered, in their order, with readable French labels and who recorded them', async () => {
    const c = await pastCase();
    const co = await loginAs(t.app, c.coordinator.email);
    const page = await co.agent
      .get(`/accompaniments/${c.accId}/timeline?kinds=consultation&kinds=committee&kinds=deliverables&kinds=follow_up`)
      .expect(200);
    const entries = timelineEntries(page.text);
    const s = c.structures;
    // (The fixture's two deliverables were handed in today: left aside. The page collapses no-break spaces.)
    expect(entries.filter((e) => !/Livrable remis/.test(e)).map(bare)).toEqual([
      `14 octobre 2015 Comité d’appui Consultation ouverte sans avis du comité d’appui (dérogation) Motif de la dérogation : Comité d’appui reporté à décembre ; calendrier des structures.`,
      '20 octobre 2015 Mise en concurrence Consultation des prestataires lancée',
      `1er novembre 2015 Mise en concurrence ${c.provider.name} invité à faire une proposition`,
      `5 novembre 2015 Mise en concurrence Proposition reçue de ${c.provider.name}`,
      `12 octobre 2016 Livrables ${s.intermed.name} consent à ce que les financeurs lisent « Texte fédérateur » (signé par Nadia Belkacem)`,
      `20 novembre 2016 Livrables ${s.energie.name} consent à ce que les financeurs lisent « Texte fédérateur » (signé par Bernard Lhomme)`,
      `1er juin ${nextYear().slice(0, 4)} Suivi post-accompagnement Prévu Point de suivi à 18 mois prévu`,
    ]);
    // Who: the director for the override, the structure's user for its consent.
    const who = (pattern: RegExp) => entries.find((e) => pattern.test(e));
    expect(who(/dérogation/)).toContain('Saisi par Paul Grandjean');
    expect(who(/Nadia Belkacem/)).toMatch(/Saisi par \S/);
    // The planned checkpoint is marked as such.
    expect(page.text).toMatch(/timeline__entry--follow_up timeline__entry--planned/);
    expect(page.text).not.toContain('Point de suivi à 12 mois');
  });

  it('each kind stays with who may see it; a structure that left reads them up to its exit day', async () => {
    const c = await pastCase();
    // The funder: consents (deliverables), never the consultation, the committee or the follow-up.
    const f = await loginAs(t.app, c.funderUser.email);
    const funder = (await f.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200)).text;
    expect(funder).toContain('consent à ce que les financeurs lisent');
    expect(funder).not.toContain('Proposition reçue de');
    expect(funder).not.toContain('Consultation des prestataires lancée');
    expect(funder).not.toContain('dérogation');
    expect(funder).not.toContain('Point de suivi à 18 mois');
    // The selected provider: no consultation (it must not learn who else bid), no override.
    const p = await loginAs(t.app, c.consultant.email);
    const provider = (await p.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200)).text;
    expect(provider).not.toContain('Proposition reçue de');
    expect(provider).not.toContain('dérogation');
    // Chamois left on 15 November 2016: Intermed's consent of 12 October is there, Energie Emploi's of the 20th not.
    const chamois = await createUser(t.db, { role: 'beneficiary', organisation_id: c.structures.chamois.id });
    const gone = await loginAs(t.app, chamois.email);
    const left = (await gone.agent.get(`/accompaniments/${c.accId}/timeline?kinds=deliverables`).expect(200)).text;
    expect(left).toContain(`${c.structures.intermed.name} consent à ce que les financeurs lisent`);
    expect(left).not.toContain(`${c.structures.energie.name} consent à ce que les financeurs lisent`);
    // Asking for the consultation's or the committee's kinds by hand changes nothing.
    const asked = (
      await gone.agent.get(`/accompaniments/${c.accId}/timeline?kinds=consultation&kinds=committee`).expect(200)
    ).text;
    expect(asked).not.toContain('Proposition reçue de');
    expect(asked).not.toContain('dérogation');
  });
});
