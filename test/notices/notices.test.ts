import { addBid, addFunder, addStructure, createCase, createNotice } from '../factories/phases';
import { caseUrl } from '../../src/accompaniments/tabs';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const noticesOf = (accId: string) =>
  t
    .db('notices')
    .where({ accompaniment_id: accId })
    .orderBy('on_date')
    .select('id', 'kind', 'on_date', 'recipients', 'content', 'created_by');

describe('stakeholder notices', () => {
  it('records the Belfort notices and lists them by date with who recorded them', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await getCaseTab(agent, acc.id, 'notices').expect(200);
    expect(page.text).toContain('Aucune information des financeurs ou du CDIAE n’est encore enregistrée.');
    const csrf = csrfOf(page.text);
    // Recorded out of order: the list still goes by date.
    await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({
        _csrf: csrf,
        kind: 'cdiae_informed',
        on_date: '2015-12-15',
        recipients: 'CDIAE du Territoire de Belfort',
        content: 'Le DLA avertit le CDIAE du projet de regroupement.',
      })
      .expect(302);
    const res = await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({
        _csrf: csrf,
        kind: 'funders_informed',
        on_date: '2015-11-15',
        recipients: 'Conseil départemental, Région',
        content: '',
      })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(acc.id, 'notices'));

    const rows = await noticesOf(acc.id);
    expect(rows.map((n) => [n.kind, n.on_date, n.recipients, n.content, String(n.created_by)])).toEqual([
      ['funders_informed', '2015-11-15', 'Conseil départemental, Région', null, coordinator.id],
      [
        'cdiae_informed',
        '2015-12-15',
        'CDIAE du Territoire de Belfort',
        'Le DLA avertit le CDIAE du projet de regroupement.',
        coordinator.id,
      ],
    ]);
    expect(
      await t.db('audit_log').where({ action: 'notice.create', entity_id: acc.id }).count('* as n').first(),
    ).toMatchObject({ n: '2' });

    const after = await getCaseTab(agent, acc.id, 'notices').expect(200);
    expect(after.text).toContain('Information enregistrée.');
    const first = after.text.indexOf('15 novembre 2015');
    const second = after.text.indexOf('15 décembre 2015');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(after.text).toContain('Financeurs informés');
    expect(after.text).toContain('CDIAE informé');
    expect(after.text).toContain(coordinator.name);
    expect(after.text).toContain(
      'data-confirm="Supprimer l’information du 15 novembre 2015 (Conseil départemental, Région) ?"',
    );
  });

  it('refuses a notice without recipients or with a wrong date, in French, keeping what was typed', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({
        _csrf: csrf,
        kind: 'other',
        on_date: '2015-02-30',
        recipients: '  ',
        content: 'Point d’étape envoyé à la DDETS.',
      })
      .expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toMatch(/id="field-recipients-error">Ce champ est obligatoire.</);
    expect(res.text).toMatch(/id="field-on_date-error">Saisissez une date valide/);
    expect(res.text).toContain('value="2015-02-30"');
    expect(res.text).toContain('Point d’étape envoyé à la DDETS.</textarea>');
    expect(res.text).toMatch(/<option value="other"\s*selected>/);
    const bad = await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({ _csrf: csrf, kind: 'rumour', on_date: '2015-11-15', recipients: 'Région' })
      .expect(422);
    expect(bad.text).toMatch(/id="field-kind-error">Choisissez une valeur dans la liste.</);
    expect(await noticesOf(acc.id)).toEqual([]);
  });

  it('deletes a notice after confirmation, and only one of this case', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const other = await createCase(t.db);
    const n1 = await createNotice(t.db, acc.id, { recipients: 'Région' });
    const foreign = await createNotice(t.db, other.acc.id, { recipients: 'Autre' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent
      .post(`/accompaniments/${acc.id}/notices/${foreign.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    await agent.post(`/accompaniments/${acc.id}/notices/abc/delete`).type('form').send({ _csrf: csrf }).expect(404);
    expect(await t.db('notices').where({ id: foreign.id }).first('id')).toBeTruthy();

    await agent
      .post(`/accompaniments/${acc.id}/notices/${n1.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(302);
    expect(await noticesOf(acc.id)).toEqual([]);
    const audit = await t.db('audit_log').where({ action: 'notice.delete', entity_id: acc.id }).first();
    expect(audit.details).toMatchObject({ notice_id: n1.id, recipients: 'Région' });
    const page = await getCaseTab(agent, acc.id, 'notices').expect(200);
    expect(page.text).toContain('Information supprimée.');
  });

  it('is read by everyone in scope, changed only by the operator’s staff', async () => {
    const { acc } = await createCase(t.db);
    const n1 = await createNotice(t.db, acc.id, { recipients: 'Conseil départemental' });
    const { user: funderUser } = await addFunder(t.db, acc.id);
    const { user: beneficiaryUser } = await addStructure(t.db, acc.id);
    const { user: providerUser } = await addBid(t.db, acc.id, { status: 'selected' });
    for (const u of [funderUser, beneficiaryUser, providerUser]) {
      const { agent } = await loginAs(t.app, u.email);
      const page = await getCaseTab(agent, acc.id, 'notices').expect(200);
      expect(page.text).toContain('Conseil départemental');
      expect(page.text).not.toContain(`/accompaniments/${acc.id}/notices/${n1.id}/delete`);
      expect(page.text).not.toContain(`action="/accompaniments/${acc.id}/notices"`);
      const csrf = csrfOf(page.text);
      await agent
        .post(`/accompaniments/${acc.id}/notices`)
        .type('form')
        .send({ _csrf: csrf, kind: 'other', on_date: '2016-01-01', recipients: 'X' })
        .expect(403);
      await agent
        .post(`/accompaniments/${acc.id}/notices/${n1.id}/delete`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(403);
      await agent.get(`/accompaniments/${acc.id}/notices/new`).expect(403);
    }
    const stranger = await createCase(t.db);
    const { agent, csrf } = await loginAs(t.app, stranger.coordinator.email);
    await agent
      .post(`/accompaniments/${acc.id}/notices`)
      .type('form')
      .send({ _csrf: csrf, kind: 'other', on_date: '2016-01-01', recipients: 'X' })
      .expect(404);
    await agent
      .post(`/accompaniments/${acc.id}/notices/${n1.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    expect((await noticesOf(acc.id)).map((n) => n.recipients)).toEqual(['Conseil départemental']);
  });
});
