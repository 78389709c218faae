import { addProvider, createDeliveryCase, createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const form = (csrf: string, overrides: Record<string, string> = {}) => ({
  _csrf: csrf,
  type: 'working_group',
  title: 'Séance supplémentaire',
  date: '2016-09-13',
  start_time: '09:00',
  end_time: '17:00',
  days_consumed: '1',
  ...overrides,
});

const daysOf = async (accId: string) =>
  Number((await t.db('sessions').where({ accompaniment_id: accId }).sum({ d: 'days_consumed' }).first())?.d ?? 0);

/** The Belfort budget: 6 contracted days, 4.5 already consumed by earlier sessions. */
async function belfortCase() {
  const c = await createDeliveryCase(t.db, { budget_days: '6', budget_eur: '7000' });
  const [{ id: groupId }] = await t
    .db('working_groups')
    .insert({ accompaniment_id: c.accId, name: 'Plans d’actions', theme: 'plans' })
    .returning('id');
  await createSession(t.db, c.accId, { days_consumed: '2.5', starts_at: new Date('2016-02-12T08:30:00Z') });
  await createSession(t.db, c.accId, { days_consumed: '2', starts_at: new Date('2016-04-08T08:30:00Z') });
  return { ...c, groupId: String(groupId) };
}

describe('days consumed against the contracted days', () => {
  it('warns once 80 % of the contracted days are consumed', async () => {
    const { coordinator, accId, groupId } = await belfortCase();
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    // 4.5 + 0.25 = 4.75 < 4.8: no warning yet.
    const first = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { working_group_id: groupId, days_consumed: '0,25' }))
      .expect(302);
    const quiet = await agent.get(first.headers.location).expect(200);
    expect(quiet.text).not.toContain('80 % des jours contractés');
    // 4.75 + 0.25 = 5 ≥ 4.8.
    const second = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { working_group_id: groupId, days_consumed: '0,25' }))
      .expect(302);
    const warned = await agent.get(second.headers.location).expect(200);
    expect(warned.text).toContain('Séance enregistrée.');
    expect(warned.text).toContain('80 % des jours contractés sont consommés : 5 j sur 6.');
    expect(await daysOf(accId)).toBe(5);
  });

  it('refuses to go over the contracted days, keeping the input, until the coordinator confirms with a reason (audited)', async () => {
    const { coordinator, accId, groupId } = await belfortCase();
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const over = form(csrf, {
      working_group_id: groupId,
      days_consumed: '2',
      title: 'Atelier plans d’actions',
      minutes: 'Compte rendu à garder',
    });

    const refused = await agent.post(`/accompaniments/${accId}/sessions`).type('form').send(over).expect(422);
    expect(refused.text).toContain(
      'Avec cette séance, 6,5 j seraient consommés pour 6 j contractés. Pour dépasser, cochez « Je confirme le dépassement » et indiquez le motif.',
    );
    expect(refused.text).toContain('value="Atelier plans d’actions"');
    expect(refused.text).toContain('Compte rendu à garder</textarea>');
    expect(refused.text).toContain('name="confirm_over_budget" value="1"');
    expect(await daysOf(accId)).toBe(4.5);

    const noReason = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send({ ...over, confirm_over_budget: '1', over_budget_reason: ' ' })
      .expect(422);
    expect(noReason.text).toMatch(/id="field-over_budget_reason-error">Indiquez le motif du dépassement/);
    expect(noReason.text).toMatch(/name="confirm_over_budget" value="1" id="field-confirm_over_budget" checked/);
    expect(await daysOf(accId)).toBe(4.5);

    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send({
        ...over,
        confirm_over_budget: '1',
        over_budget_reason: 'Demi-journée ajoutée à la demande du comité, accord du financeur.',
      })
      .expect(302);
    const s = await t.db('sessions').where({ accompaniment_id: accId, title: 'Atelier plans d’actions' }).first();
    expect(s.over_budget_reason).toBe('Demi-journée ajoutée à la demande du comité, accord du financeur.');
    expect(await daysOf(accId)).toBe(6.5);
    const audit = await t
      .db('audit_log')
      .where({ action: 'session.over_budget', entity_id: String(s.id) })
      .first();
    expect(String(audit.actor_id)).toBe(coordinator.id);
    expect(audit.details).toMatchObject({
      accompaniment_id: accId,
      total_days: 6.5,
      contracted_days: 6,
      reason: 'Demi-journée ajoutée à la demande du comité, accord du financeur.',
    });
    const page = await agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('Les jours contractés sont dépassés : 6,5 j sur 6.');
    expect(page.text).toContain('Demi-journée ajoutée à la demande du comité');

    // Correcting that session's minutes adds no day: no new confirmation needed.
    await agent
      .post(`/sessions/${s.id}`)
      .type('form')
      .send({ ...over, lock_version: '0', minutes: 'Compte rendu corrigé' })
      .expect(302);
    // Adding a day to another session of a case already over budget needs one again.
    const other = await t.db('sessions').where({ accompaniment_id: accId }).whereNot({ id: s.id }).first();
    await agent
      .post(`/sessions/${other.id}`)
      .type('form')
      .send({ ...over, lock_version: '0', days_consumed: '3' })
      .expect(422);
  });

  it('never lets the provider go over the contracted days, even ticking the confirmation', async () => {
    const { accId, groupId } = await belfortCase();
    const { user: provider } = await addProvider(t.db, accId);
    const { agent, csrf } = await loginAs(t.app, provider.email);
    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(
        form(csrf, {
          working_group_id: groupId,
          days_consumed: '1,75',
          confirm_over_budget: '1',
          over_budget_reason: 'Nous avons besoin de plus de temps.',
        }),
      )
      .expect(422);
    expect(res.text).toContain(
      'Avec cette séance, 6,25 j seraient consommés pour 6 j contractés : le dépassement est refusé.',
    );
    expect(res.text).not.toContain('name="confirm_over_budget"');
    expect(res.text).toContain('value="1,75"');
    expect(await daysOf(accId)).toBe(4.5);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'session.over_budget' })
        .whereRaw("details->>'accompaniment_id' = ?", [accId])
        .first(),
    ).toBeUndefined();
    // Up to the contracted days is fine.
    await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { working_group_id: groupId, days_consumed: '1,5' }))
      .expect(302);
    expect(await daysOf(accId)).toBe(6);
  });

  it('applies no rule to a case without contracted days', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db, { budget_days: null, budget_eur: null });
    const [{ id: groupId }] = await t
      .db('working_groups')
      .insert({ accompaniment_id: accId, name: 'G', theme: 'g' })
      .returning('id');
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form(csrf, { working_group_id: String(groupId), days_consumed: '12' }))
      .expect(302);
    const page = await agent.get(res.headers.location).expect(200);
    expect(page.text).not.toContain('jours contractés sont');
  });
});
