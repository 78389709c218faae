import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { formatDate } from '../../src/platform/i18n';
import { localToday } from '../../src/platform/dates';
import { createOrganisation, createUser } from '../factories';
import { createOperatorTeam } from '../factories/accompaniments';
import { writeDiagnostic } from '../factories/diagnostics';
import { createSession } from '../factories/sessions';
import { exemptFromCommittee } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';

// A case recorded today for what happened in 2015–2016: every move, arrival and withdrawal
// carries the day it happened, checked against the intake and the previous step.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const tomorrow = () => format(addDays(new Date(`${localToday()}T12:00:00`), 1), 'yyyy-MM-dd');
const savedToday = () => formatDate('fr', localToday());
const stateOf = async (id: string) => (await t.db('accompaniments').where({ id }).first('state')).state;

/** The visible texts of the timeline entries, in page order. */
const entriesOf = (html: string) =>
  [...html.matchAll(/<li class="timeline__entry[^"]*">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/** A coordinator records, through the screens, a case whose intake was on 1 September 2015. */
async function pastCase() {
  const team = await createOperatorTeam(t.db);
  // The comité d'appui's gate before the consultation is another test's (test/support-committee).
  await exemptFromCommittee(t.db, team.operator.id);
  const energie = await createOrganisation(t.db, {
    kind: 'structure',
    name: `Energie Emploi ${Math.random().toString(36).slice(2, 6)}`,
  });
  const chamois = await createOrganisation(t.db, {
    kind: 'structure',
    name: `Chamois ${Math.random().toString(36).slice(2, 6)}`,
  });
  const s = await loginAs(t.app, team.coordinator.email);
  const created = await s.agent
    .post('/accompaniments')
    .type('form')
    .send({
      _csrf: s.csrf,
      title: 'Appui à la création d’un GES',
      kind: 'collective',
      coordinator_id: team.coordinator.id,
      intake_on: '2015-09-01',
      structure_ids: [energie.id, chamois.id],
    })
    .expect(302);
  const accId = created.headers.location.split('/').pop()!;
  const move = (to: string, onDate: string, comment = '') =>
    s.agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to, on_date: onDate, comment });
  return { ...team, ...s, accId, energie, chamois, move };
}

describe('moving a case recorded after the fact', () => {
  it('opens a short form for every move, dated today by default, and records the day typed', async () => {
    const c = await pastCase();
    // The quick buttons are links to the form: no move is posted from the case page itself.
    const page = await c.agent.get(`/accompaniments/${c.accId}`).expect(200);
    expect(page.text).toContain(`href="/accompaniments/${c.accId}/transitions/new?to=diagnostic"`);
    expect(page.text).not.toContain(`action="/accompaniments/${c.accId}/transitions"`);
    expect(page.text).not.toContain('data-confirm="Passer l’accompagnement');

    const form = await c.agent.get(`/accompaniments/${c.accId}/transitions/new?to=diagnostic`).expect(200);
    expect(form.text).toMatch(new RegExp(`name="on_date" type="date"\\s+value="${localToday()}"`));
    expect(form.text).toContain('Commentaire (facultatif)');

    await c.move('diagnostic', '2015-09-10', 'Diagnostic collectif de 5 jours.').expect(302);
    expect(await stateOf(c.accId)).toBe('diagnostic');
    const log = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: c.accId })
      .orderBy('id')
      .select('from_state', 'to_state', 'on_date', 'comment');
    expect(log).toEqual([
      { from_state: null, to_state: 'intake', on_date: '2015-09-01', comment: null },
      {
        from_state: 'intake',
        to_state: 'diagnostic',
        on_date: '2015-09-10',
        comment: 'Diagnostic collectif de 5 jours.',
      },
    ]);
    // A move on the same day as the previous one is allowed.
    await t.db('diagnostic_validations').insert([
      {
        accompaniment_id: c.accId,
        organisation_id: c.energie.id,
        validated_on: '2015-10-15',
        validated_by_name: 'Bernard Mougin',
      },
      {
        accompaniment_id: c.accId,
        organisation_id: c.chamois.id,
        validated_on: '2015-10-15',
        validated_by_name: 'Martine Grosjean',
      },
    ]);
    await c.move('consultation', '2015-10-16').expect(302);
    await c.move('abandoned', '2015-10-16', 'Test du même jour.').expect(302);
    expect(await stateOf(c.accId)).toBe('abandoned');
  });

  it('refuses a day in the future, before the intake or before the previous move, in French next to the date, keeping the input', async () => {
    const c = await pastCase();
    const future = await c.move('diagnostic', tomorrow(), 'Mon commentaire').expect(422);
    expect(future.text).toMatch(
      /id="field-on_date-error">Cette date est dans le futur : saisissez le jour où c’est arrivé \(aujourd’hui au plus tard\).</,
    );
    expect(future.text).toContain(`value="${tomorrow()}"`);
    expect(future.text).toContain('>Mon commentaire</textarea>');

    const early = await c.move('diagnostic', '2015-08-31', 'Avant l’accueil').expect(422);
    expect(early.text).toMatch(/id="field-on_date-error">Cette date précède l’accueil du 1er septembre 2015.</);
    expect(early.text).toContain('value="2015-08-31"');
    expect(early.text).toContain('>Avant l’accueil</textarea>');
    expect(early.text).toContain('Passer au diagnostic partagé'); // the same form again
    expect(await stateOf(c.accId)).toBe('intake');

    await c.move('diagnostic', '2015-09-10').expect(302);
    const beforePrevious = await c.move('abandoned', '2015-09-09', 'La structure renonce.').expect(422);
    expect(beforePrevious.text).toMatch(
      /id="field-on_date-error">Cette date précède le dernier changement d’état, daté du 10 septembre 2015.</,
    );
    expect(beforePrevious.text).toContain('>La structure renonce.</textarea>');
    expect(await stateOf(c.accId)).toBe('diagnostic');
    expect(
      await t.db('accompaniment_transitions').where({ accompaniment_id: c.accId }).count('* as n').first(),
    ).toEqual({ n: '2' });
  });

  it('refuses the form and the move to read-only roles (403)', async () => {
    const c = await pastCase();
    for (const user of [
      await createUser(t.db, { role: 'beneficiary', organisation_id: c.energie.id }),
      await createUser(t.db, { role: 'admin' }),
    ]) {
      const s = await loginAs(t.app, user.email);
      await s.agent.get(`/accompaniments/${c.accId}/transitions/new?to=diagnostic`).expect(403);
      await s.agent
        .post(`/accompaniments/${c.accId}/transitions`)
        .type('form')
        .send({ _csrf: s.csrf, to: 'diagnostic', on_date: '2015-09-10' })
        .expect(403);
    }
    expect(await stateOf(c.accId)).toBe('intake');
  });

  it('keeps the intake before the first move when the case is edited, and moves the opening entry with it', async () => {
    const c = await pastCase();
    await c.move('diagnostic', '2015-09-10').expect(302);
    const acc = await t.db('accompaniments').where({ id: c.accId }).first();
    const edit = (intake: string) =>
      c.agent
        .post(`/accompaniments/${c.accId}`)
        .type('form')
        .send({
          _csrf: c.csrf,
          title: acc.title,
          kind: 'collective',
          coordinator_id: c.coordinator.id,
          intake_on: intake,
          lock_version: String(acc.lock_version),
        });
    const late = await edit('2015-09-11').expect(422);
    expect(late.text).toMatch(
      /id="field-intake_on-error">L’accueil ne peut pas être postérieur au premier changement d’état, daté du 10 septembre 2015.</,
    );
    expect(late.text).toContain('value="2015-09-11"');
    await edit('2015-08-25').expect(302);
    expect(
      await t
        .db('accompaniment_transitions')
        .where({ accompaniment_id: c.accId })
        .whereNull('from_state')
        .first('on_date'),
    ).toEqual({ on_date: '2015-08-25' });
  });
});

describe('structures joining, withdrawing and rejoining on past days', () => {
  it('refuses a day before the intake, before the structure joined or before it left, and the future', async () => {
    const c = await pastCase();
    const newcomer = await createOrganisation(t.db, { kind: 'structure' });
    const join = (on: string) =>
      c.agent
        .post(`/accompaniments/${c.accId}/beneficiaries`)
        .type('form')
        .send({ _csrf: c.csrf, organisation_id: newcomer.id, joined_on: on });
    const beforeIntake = await join('2015-08-01').expect(422);
    expect(beforeIntake.text).toMatch(
      /id="field-joined_on-error">Cette date précède l’accueil du 1er septembre 2015.</,
    );
    expect(beforeIntake.text).toContain('value="2015-08-01"');
    expect((await join(tomorrow()).expect(422)).text).toContain('Cette date est dans le futur');
    await join('2016-02-01').expect(302);

    const url = `/accompaniments/${c.accId}/beneficiaries/${newcomer.id}`;
    const withdraw = (on: string) =>
      c.agent
        .post(`${url}/withdraw`)
        .type('form')
        .send({ _csrf: c.csrf, withdrawn_on: on, withdrawal_reasons: 'Besoin de temps.', may_rejoin: 'Plus tard' });
    const beforeJoined = await withdraw('2016-01-15').expect(422);
    expect(beforeJoined.text).toMatch(
      /id="field-withdrawn_on-error">Cette date précède l’arrivée de la structure dans l’accompagnement, le 1er février 2016.</,
    );
    expect(beforeJoined.text).toContain('Besoin de temps.');
    expect(beforeJoined.text).toContain('Plus tard');
    expect((await withdraw(tomorrow()).expect(422)).text).toContain('Cette date est dans le futur');
    await withdraw('2016-11-15').expect(302);

    const rejoin = (on: string) => c.agent.post(`${url}/rejoin`).type('form').send({ _csrf: c.csrf, on_date: on });
    const beforeLeft = await rejoin('2016-11-01').expect(422);
    expect(beforeLeft.text).toMatch(
      /id="field-on_date-error">Cette date précède la sortie de la structure, le 15 novembre 2016.</,
    );
    expect(beforeLeft.text).toContain('value="2016-11-01"');
    await rejoin('2017-09-01').expect(302);
    // Back in the case: a new withdrawal may not precede its return.
    expect((await withdraw('2017-08-01').expect(422)).text).toContain('le 1er septembre 2017.');
    expect(
      await t
        .db('beneficiary_changes')
        .where({ accompaniment_id: c.accId, organisation_id: newcomer.id })
        .orderBy('id')
        .select('change', 'on_date'),
    ).toEqual([
      { change: 'joined', on_date: '2016-02-01' },
      { change: 'withdrawn', on_date: '2016-11-15' },
      { change: 'rejoined', on_date: '2017-09-01' },
    ]);
  });
});

describe('the history of a past case', () => {
  it('lists the events by the day they happened, each saying when it was recorded', async () => {
    const c = await pastCase();
    await c.move('diagnostic', '2015-09-10', 'Diagnostic collectif de 5 jours.').expect(302);
    // Validations recorded today for October 2015 (the diagnostic written directly: its area owns that screen).
    await writeDiagnostic(t.db, c.accId, { written_on: '2015-10-01' });
    for (const [org, name] of [
      [c.energie, 'Bernard Mougin'],
      [c.chamois, 'Martine Grosjean'],
    ] as const) {
      await c.agent
        .post(`/accompaniments/${c.accId}/diagnostic/validations`)
        .type('form')
        .send({ _csrf: c.csrf, organisation_id: org.id, validated_on: '2015-10-15', validated_by_name: name })
        .expect(302);
    }
    await c.move('consultation', '2015-10-16').expect(302);
    const page = await c.agent.get(`/accompaniments/${c.accId}/timeline`).expect(200);
    const saved = `\\(saisi le ${savedToday()}\\)`;
    const entries = entriesOf(page.text);
    const expected = [
      `^1er septembre 2015 ${saved} .*Accompagnement ouvert à l’état « Accueil »`,
      `^1er septembre 2015 ${saved} .*${c.energie.name} rejoint l’accompagnement`,
      `^1er septembre 2015 ${saved} .*${c.chamois.name} rejoint l’accompagnement`,
      `^10 septembre 2015 ${saved} .*Passage de « Accueil » à « Diagnostic partagé »`,
      `^15 octobre 2015 ${saved} .*Diagnostic partagé validé par ${c.energie.name} \\(Bernard Mougin\\)`,
      `^15 octobre 2015 ${saved} .*Diagnostic partagé validé par ${c.chamois.name} \\(Martine Grosjean\\)`,
      `^16 octobre 2015 ${saved} .*Passage de « Diagnostic partagé » à « Mise en concurrence »`,
    ];
    expect(entries).toHaveLength(expected.length);
    // Same-day entries in the order they were recorded, the case's opening entry first.
    expected.forEach((pattern, i) => expect(entries[i]).toMatch(new RegExp(pattern)));

    // A session logged ahead of its day (planned on 1 November, held on 12 November) was not recorded after the fact.
    const sessionId = await createSession(t.db, c.accId, {
      title: 'Comité de lancement',
      starts_at: new Date('2015-11-12T09:00:00Z'),
    });
    await t
      .db('sessions')
      .where({ id: sessionId })
      .update({ created_at: new Date('2015-11-01T10:00:00Z') });
    const sessions = entriesOf(
      (await c.agent.get(`/accompaniments/${c.accId}/timeline?kinds=sessions`).expect(200)).text,
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatch(/^12 novembre 2015 .*Comité de lancement/);
    expect(sessions[0]).not.toContain('saisi le');

    // An event recorded on its own day says nothing more.
    const todayCase = await pastCase();
    await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: todayCase.accId })
      .update({ on_date: localToday() });
    const todayPage = await todayCase.agent
      .get(`/accompaniments/${todayCase.accId}/timeline?kinds=lifecycle`)
      .expect(200);
    expect(entriesOf(todayPage.text)[0]).not.toContain('saisi le');
  });
});
