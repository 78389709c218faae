import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createCommitmentRow, createEnvelopeRow } from '../factories/envelopes';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The page's text with French number spaces (narrow and non-breaking) as plain spaces. */
const plain = (html: string) => html.replace(/[\u202f\u00a0]/g, ' ').replace(/&nbsp;/g, ' ');

async function team() {
  const base = await createOperatorTeam(t.db);
  const admin = await createUser(t.db, { role: 'admin', organisation_id: base.operator.id });
  const funder = await createOrganisation(t.db, {
    kind: 'funder',
    name: `DDETS ${Math.random().toString(36).slice(2, 7)}`,
  });
  const funderUser = await createUser(t.db, { role: 'funder', organisation_id: funder.id });
  return { ...base, admin, funder, funderUser };
}

const envelopeForm = (csrf: string, funderId: string, over: Record<string, unknown> = {}) => ({
  _csrf: csrf,
  label: 'DLA 2026 – crédits État',
  funder_id: funderId,
  year: '2026',
  amount_eur: '120 000,50',
  eligible_action_types: ['individual_consultancy', 'collective_consultancy'],
  departments: '90, 25',
  notes: '',
  ...over,
});

describe('creating and editing an envelope', () => {
  it('lets the direction create an envelope in French amounts, stored exactly with its conditions, audited, shown on the year’s page', async () => {
    const c = await team();
    const s = await loginAs(t.app, c.manager.email);
    expect((await s.agent.get('/').expect(200)).text).toContain('href="/envelopes"');
    const res = await s.agent.post('/envelopes').type('form').send(envelopeForm(s.csrf, c.funder.id)).expect(302);
    const row = await t.db('funding_envelopes').where({ operator_id: c.operator.id }).first();
    expect(res.headers.location).toBe(`/envelopes/${row.id}`);
    expect(row).toMatchObject({
      label: 'DLA 2026 – crédits État',
      funder_id: c.funder.id,
      year: 2026,
      amount_eur: '120000.50',
      eligible_action_types: ['individual_consultancy', 'collective_consultancy'],
      departments: ['90', '25'],
      created_by: c.manager.id,
    });
    const audit = await t
      .db('audit_log')
      .where({ action: 'envelope.create', entity_id: String(row.id) })
      .first();
    expect(audit.actor_id).toBe(c.manager.id);
    const page = plain((await s.agent.get('/envelopes?year=2026').expect(200)).text);
    expect(page).toContain('Enveloppes de financement 2026');
    expect(page).toContain('DLA 2026 – crédits État');
    expect(page).toContain('120 000,50 €');
    const show = plain((await s.agent.get(`/envelopes/${row.id}`).expect(200)).text);
    // The action types' labels are the national list's (reference_items) when it is filled, else the catalogue's.
    const labels = await t
      .db('reference_items')
      .where({ list: 'action_type' })
      .whereIn('code', ['individual_consultancy', 'collective_consultancy'])
      .orderByRaw("code = 'collective_consultancy'")
      .pluck('label_fr');
    const shown = labels.length === 2 ? labels : ['Accompagnement individuel', 'Accompagnement collectif'];
    expect(show).toContain(`${shown.join(', ')} ; 90, 25`);

    // Edited: the amount with a point, no condition any more.
    const edit = await s.agent.get(`/envelopes/${row.id}/edit`).expect(200);
    expect(edit.text).toContain('name="lock_version" value="0"');
    await s.agent
      .post(`/envelopes/${row.id}`)
      .type('form')
      .send({
        ...envelopeForm(s.csrf, c.funder.id, { amount_eur: '1234.56', departments: '' }),
        eligible_action_types: undefined,
        lock_version: '0',
      })
      .expect(302);
    expect(
      await t
        .db('funding_envelopes')
        .where({ id: row.id })
        .first('amount_eur', 'departments', 'eligible_action_types', 'lock_version'),
    ).toEqual({
      amount_eur: '1234.56',
      departments: [],
      eligible_action_types: [],
      lock_version: 1,
    });
    // The same form again (version 0): someone saved in between, 409 with the input kept.
    const stale = await s.agent
      .post(`/envelopes/${row.id}`)
      .type('form')
      .send({ ...envelopeForm(s.csrf, c.funder.id, { label: 'Autre intitulé' }), lock_version: '0' })
      .expect(409);
    expect(stale.text).toContain('Autre intitulé');
  });

  it('refuses bad amounts next to the field (422, input kept) and accepts « 1 234,56 » and « 1 234,56 € »', async () => {
    const c = await team();
    const s = await loginAs(t.app, c.admin.email);
    const cases: Array<[string, string]> = [
      ['12,345', 'Deux décimales au plus'],
      ['-5', 'ne peut pas être négatif'],
      ['abc', 'Saisissez un montant en euros'],
      ['', 'Ce champ est obligatoire'],
    ];
    for (const [typed, message] of cases) {
      const res = await s.agent
        .post('/envelopes')
        .type('form')
        .send(envelopeForm(s.csrf, c.funder.id, { amount_eur: typed }))
        .expect(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain(`value="${typed}"`);
      expect(res.text).toContain('DLA 2026 – crédits État');
    }
    const bad = await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.funder.id, { departments: '90, 99', year: '26', funder_id: c.operator.id }))
      .expect(422);
    expect(bad.text).toContain('Saisissez un numéro de département');
    expect(bad.text).toContain('Saisissez une année sur quatre chiffres');
    expect(await t.db('funding_envelopes').where({ operator_id: c.operator.id }).count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(Number((await t.db('funding_envelopes').where({ operator_id: c.operator.id }).count({ n: '*' }))[0].n)).toBe(
      0,
    );
    // Not a funder: refused next to the funder.
    const notFunder = await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.operator.id))
      .expect(422);
    expect(notFunder.text).toContain('Choisissez le financeur dans la liste.');
    // An action type that is no active code of the national list: refused next to the boxes.
    const unknownType = await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.funder.id, { eligible_action_types: ['advice', 'nope'] }))
      .expect(422);
    expect(unknownType.text).toContain('Choisissez une valeur dans la liste.');
    await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.funder.id, { amount_eur: '1 234,56', label: 'A' }))
      .expect(302);
    await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.funder.id, { amount_eur: '1 234,56 €', label: 'B' }))
      .expect(302);
    const amounts = await t
      .db('funding_envelopes')
      .where({ operator_id: c.operator.id })
      .orderBy('label')
      .pluck('amount_eur');
    expect(amounts).toEqual(['1234.56', '1234.56']);
    // The same label for the same funder and year: refused next to the label.
    const dup = await s.agent
      .post('/envelopes')
      .type('form')
      .send(envelopeForm(s.csrf, c.funder.id, { label: 'a' }))
      .expect(422);
    expect(dup.text).toContain('Ce financeur a déjà une enveloppe de ce nom pour cette année.');
  });
});

describe('who sees and manages envelopes', () => {
  it('lets a coordinator read but not create or edit; providers, relays and structures get nothing', async () => {
    const c = await team();
    const env = await createEnvelopeRow(t.db, {
      operatorId: c.operator.id,
      funderId: c.funder.id,
      label: 'Env. lecture',
    });
    const co = await loginAs(t.app, c.coordinator.email);
    expect((await co.agent.get('/envelopes?year=2026').expect(200)).text).toContain('Env. lecture');
    const show = await co.agent.get(`/envelopes/${env.id}`).expect(200);
    expect(show.text).not.toContain(`/envelopes/${env.id}/edit`);
    expect((await co.agent.get('/').expect(200)).text).not.toContain('href="/envelopes"');
    await co.agent.get('/envelopes/new').expect(403);
    await co.agent.post('/envelopes').type('form').send(envelopeForm(co.csrf, c.funder.id)).expect(403);
    await co.agent.get(`/envelopes/${env.id}/edit`).expect(403);
    await co.agent
      .post(`/envelopes/${env.id}`)
      .type('form')
      .send({ ...envelopeForm(co.csrf, c.funder.id), lock_version: '0' })
      .expect(403);

    for (const role of ['provider', 'relay', 'beneficiary'] as const) {
      const u = await createUser(t.db, { role });
      const s = await loginAs(t.app, u.email);
      await s.agent.get('/envelopes').expect(403);
      await s.agent.get(`/envelopes/${env.id}`).expect(404);
      await s.agent.get(`/envelopes/${env.id}/edit`).expect(404);
      expect((await s.agent.get('/').expect(200)).text).not.toContain('href="/envelopes"');
    }
    // Another operator's manager: 404 on the envelope, its own (empty) year.
    const other = await createOperatorTeam(t.db);
    const m = await loginAs(t.app, other.manager.email);
    await m.agent.get(`/envelopes/${env.id}`).expect(404);
    expect((await m.agent.get('/envelopes?year=2026').expect(200)).text).not.toContain('Env. lecture');
    expect(await t.db('funding_envelopes').where({ id: env.id }).first('label')).toEqual({ label: 'Env. lecture' });
  });

  it('shows a funder its own envelopes’ figures only, read-only', async () => {
    const c = await team();
    const mine = await createEnvelopeRow(t.db, {
      operatorId: c.operator.id,
      funderId: c.funder.id,
      label: 'Env. du financeur',
    });
    const theirs = await createEnvelopeRow(t.db, { operatorId: c.operator.id, label: 'Env. d’un autre' });
    const s = await loginAs(t.app, c.funderUser.email);
    expect((await s.agent.get('/').expect(200)).text).toContain('href="/envelopes"');
    const page = (await s.agent.get('/envelopes?year=2026').expect(200)).text;
    expect(page).toContain('Mes enveloppes 2026');
    expect(page).toContain('Env. du financeur');
    expect(page).not.toContain('Env. d’un autre');
    expect(page).not.toContain('/envelopes/new');
    expect(page).not.toContain('Prévision');
    const show = await s.agent.get(`/envelopes/${mine.id}`).expect(200);
    expect(show.text).not.toContain('/edit');
    await s.agent.get(`/envelopes/${theirs.id}`).expect(404);
    await s.agent.get('/envelopes/new').expect(403);
    await s.agent.get(`/envelopes/${mine.id}/edit`).expect(403);
  });
});

describe('committing a case’s money on an envelope', () => {
  async function setup() {
    const c = await team();
    const env = await createEnvelopeRow(t.db, {
      operatorId: c.operator.id,
      funderId: c.funder.id,
      amount: '10000.00',
      label: 'Env. engagements',
      actionTypes: ['collective_consultancy'],
      departments: ['90'],
    });
    const acc = await createAccompaniment(t.db, {
      operatorId: c.operator.id,
      state: 'convention',
      title: 'Cas engagé',
    });
    const s = await loginAs(t.app, c.manager.email);
    return { ...c, env, acc, s };
  }
  const commit = (s: Awaited<ReturnType<typeof setup>>['s'], accId: string, body: Record<string, string>) =>
    s.agent
      .post(`/accompaniments/${accId}/envelope-commitments`)
      .type('form')
      .send({ _csrf: s.csrf, ...body });

  it('commits within the envelope, refuses beyond it without a reason and accepts it with one, audited', async () => {
    const c = await setup();
    const framing = await c.s.agent.get(`/accompaniments/${c.acc.id}?tab=framing`).expect(200);
    expect(framing.text).toContain('Financement');
    expect(framing.text).toContain(`/accompaniments/${c.acc.id}/envelope-commitments/new`);
    const form = await c.s.agent.get(`/accompaniments/${c.acc.id}/envelope-commitments/new`).expect(200);
    expect(plain(form.text)).toContain('Env. engagements (reste 10 000,00 €)');

    await commit(c.s, c.acc.id, { envelope_id: c.env.id, amount_eur: '4 000,50', committed_on: '2026-03-15' })
      .expect(302)
      .expect('Location', `/accompaniments/${c.acc.id}?tab=framing#envelopes`);
    const row = await t.db('envelope_commitments').where({ accompaniment_id: c.acc.id }).first();
    expect(row).toMatchObject({
      amount_eur: '4000.50',
      committed_on: '2026-03-15',
      status: 'committed',
      over_envelope_reason: null,
    });
    expect(
      await t
        .db('envelope_commitment_transitions')
        .where({ commitment_id: row.id })
        .select('event', 'to_status', 'happened_on'),
    ).toEqual([{ event: 'commit', to_status: 'committed', happened_on: '2026-03-15' }]);
    const shown = plain((await c.s.agent.get(`/accompaniments/${c.acc.id}?tab=framing`).expect(200)).text);
    expect(shown).toContain('4 000,50 € sur « Env. engagements »');

    // A second case: 7 000 of the 5 999,50 left.
    const other = await createAccompaniment(t.db, {
      operatorId: c.operator.id,
      state: 'convention',
      title: 'Cas au-delà',
    });
    const refused = await commit(c.s, other.id, {
      envelope_id: c.env.id,
      amount_eur: '7000',
      committed_on: '2026-04-01',
    }).expect(422);
    const text = plain(refused.text);
    expect(text).toContain('Ce montant dépasse ce qui reste sur l’enveloppe (5 999,50 €) de 1 000,50 €');
    expect(text).toContain('name="over_envelope_reason"');
    expect(text).toContain('value="7000"');
    expect(await t.db('envelope_commitments').where({ accompaniment_id: other.id }).first()).toBeUndefined();

    await commit(c.s, other.id, {
      envelope_id: c.env.id,
      amount_eur: '7000',
      committed_on: '2026-04-01',
      over_envelope_reason: 'Décision du comité de pilotage du 30 mars.',
    }).expect(302);
    const over = await t.db('envelope_commitments').where({ accompaniment_id: other.id }).first();
    expect(over).toMatchObject({
      amount_eur: '7000.00',
      over_envelope_reason: 'Décision du comité de pilotage du 30 mars.',
    });
    const audit = await t
      .db('audit_log')
      .where({ action: 'envelope.commit_over', entity_id: String(over.id) })
      .first();
    expect(audit.actor_id).toBe(c.manager.id);
    expect(audit.details).toMatchObject({
      over_by: '1000.50',
      left_before: '5999.50',
      over_envelope_reason: 'Décision du comité de pilotage du 30 mars.',
    });
    const page = plain((await c.s.agent.get('/envelopes?year=2026').expect(200)).text);
    expect(page).toContain('Enveloppe dépassée : 11 000,50 € engagés pour 10 000,00 €.');
  });

  it('refuses the wrong year, unmet conditions, a future day, a second commitment and bad amounts, each with its message', async () => {
    const c = await setup();
    const year = await commit(c.s, c.acc.id, {
      envelope_id: c.env.id,
      amount_eur: '100',
      committed_on: '2025-12-31',
    }).expect(422);
    expect(year.text).toContain('Cette enveloppe est celle de 2026 : la date de l’engagement doit tomber en 2026.');
    const future = await commit(c.s, c.acc.id, {
      envelope_id: c.env.id,
      amount_eur: '100',
      committed_on: '2099-01-01',
    }).expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    const early = await commit(c.s, c.acc.id, {
      envelope_id: c.env.id,
      amount_eur: '100',
      committed_on: '2026-01-01',
    }).expect(422);
    expect(early.text).toContain('L’engagement ne peut pas précéder l’accueil de l’accompagnement');

    const individual = await createAccompaniment(t.db, {
      operatorId: c.operator.id,
      kind: 'individual',
      state: 'convention',
    });
    const kind = await commit(c.s, individual.id, {
      envelope_id: c.env.id,
      amount_eur: '100',
      committed_on: '2026-03-01',
    }).expect(422);
    expect(kind.text).toContain('Cette enveloppe ne finance pas ce type d’action');
    const elsewhere = await createAccompaniment(t.db, { operatorId: c.operator.id, state: 'convention' });
    await t.db('accompaniments').where({ id: elsewhere.id }).update({ department: '25' });
    const dept = await commit(c.s, elsewhere.id, {
      envelope_id: c.env.id,
      amount_eur: '100',
      committed_on: '2026-03-01',
    }).expect(422);
    expect(dept.text).toContain('Cette enveloppe ne couvre pas le département de l’accompagnement (25).');

    for (const [typed, message] of [
      ['12,345', 'Deux décimales au plus'],
      ['-5', 'ne peut pas être négatif'],
      ['abc', 'Saisissez un montant en euros'],
    ]) {
      const res = await commit(c.s, c.acc.id, {
        envelope_id: c.env.id,
        amount_eur: typed,
        committed_on: '2026-03-01',
      }).expect(422);
      expect(res.text).toContain(message);
    }
    await commit(c.s, c.acc.id, { envelope_id: c.env.id, amount_eur: '1 234,56', committed_on: '2026-03-01' }).expect(
      302,
    );
    const again = await commit(c.s, c.acc.id, {
      envelope_id: c.env.id,
      amount_eur: '1',
      committed_on: '2026-03-01',
    }).expect(422);
    expect(again.text).toContain('Cet accompagnement a déjà un engagement sur cette enveloppe.');
    // Another operator's envelope: refused as not one of this case's operator.
    const foreign = await createEnvelopeRow(t.db, { operatorId: (await createOperatorTeam(t.db)).operator.id });
    const res = await commit(c.s, c.acc.id, {
      envelope_id: foreign.id,
      amount_eur: '1',
      committed_on: '2026-03-01',
    }).expect(422);
    expect(res.text).toContain('Choisissez une enveloppe de l’opérateur de cet accompagnement.');
    expect(await t.db('envelope_commitments').where({ accompaniment_id: c.acc.id }).pluck('amount_eur')).toEqual([
      '1234.56',
    ]);
  });

  it('lets only the direction commit: a coordinator reads the block without the link and gets 403', async () => {
    const c = await setup();
    const co = await loginAs(t.app, c.coordinator.email);
    const framing = await co.agent.get(`/accompaniments/${c.acc.id}?tab=framing`).expect(200);
    expect(framing.text).toContain('Financement');
    expect(framing.text).not.toContain('/envelope-commitments/new');
    await co.agent.get(`/accompaniments/${c.acc.id}/envelope-commitments/new`).expect(403);
    await commit(co, c.acc.id, { envelope_id: c.env.id, amount_eur: '1', committed_on: '2026-03-01' }).expect(403);
    const provider = await createUser(t.db, { role: 'provider' });
    const p = await loginAs(t.app, provider.email);
    await p.agent.get(`/accompaniments/${c.acc.id}/envelope-commitments/new`).expect(404);
    expect(await t.db('envelope_commitments').where({ accompaniment_id: c.acc.id }).first()).toBeUndefined();
  });

  it('releases a commitment with its reason and day (logged), which then no longer counts; without a reason it is refused', async () => {
    const c = await setup();
    const id = await createCommitmentRow(t.db, c.env.id, c.acc.id, '2500.00', '2026-03-01');
    const url = `/envelopes/${c.env.id}/commitments/${id}/release`;
    const co = await loginAs(t.app, c.coordinator.email);
    await co.agent.get(url).expect(403);
    const none = await c.s.agent
      .post(url)
      .type('form')
      .send({ _csrf: c.s.csrf, happened_on: '2026-05-02', reason: '' })
      .expect(422);
    expect(none.text).toContain('Ce champ est obligatoire');
    const before = await c.s.agent
      .post(url)
      .type('form')
      .send({ _csrf: c.s.csrf, happened_on: '2026-02-01', reason: 'Abandon.' })
      .expect(422);
    expect(before.text).toContain('La libération ne peut pas précéder l’engagement');
    await c.s.agent
      .post(url)
      .type('form')
      .send({ _csrf: c.s.csrf, happened_on: '2026-05-02', reason: 'Action abandonnée.' })
      .expect(302);
    expect(await t.db('envelope_commitments').where({ id }).first('status')).toEqual({ status: 'released' });
    expect(
      await t
        .db('envelope_commitment_transitions')
        .where({ commitment_id: id, event: 'release' })
        .first('from_status', 'to_status', 'happened_on', 'reason', 'actor_id'),
    ).toEqual({
      from_status: 'committed',
      to_status: 'released',
      happened_on: '2026-05-02',
      reason: 'Action abandonnée.',
      actor_id: c.manager.id,
    });
    expect(
      await t.db('audit_log').where({ action: 'envelope.commitment_release', entity_id: id }).first('id'),
    ).toBeTruthy();
    const show = plain((await c.s.agent.get(`/envelopes/${c.env.id}`).expect(200)).text);
    expect(show).toContain('Libéré le 2 mai 2026 : Action abandonnée.');
    expect(show).toContain('Reste</dt><dd class="num"><strong>10 000,00 €');
    // Released, the case is free again: the envelope's page offers to commit it anew.
    expect(show).toContain(`/accompaniments/${c.acc.id}/envelope-commitments/new?envelope=${c.env.id}`);
    const twice = await c.s.agent
      .post(url)
      .type('form')
      .send({ _csrf: c.s.csrf, happened_on: '2026-05-03', reason: 'Encore.' })
      .expect(422);
    expect(twice.text).toContain('Cet engagement ne peut plus être libéré.');
  });
});
