import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { localToday } from '../../src/platform/dates';
import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// A deliverable's days as they happened: the day each version was handed in (upload form), the
// day of the review decision (review form); the acceptance is the accepting decision's day.
let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-deliverable-dates-'));
  t = await createTestApp({ storageDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

type Session = Awaited<ReturnType<typeof loginAs>>;
const upload = (s: Session, id: string, submittedOn: string | undefined, name = 'plan.pdf') => {
  const r = s.agent.post(`/deliverables/${id}/versions`).field('_csrf', s.csrf);
  if (submittedOn !== undefined) r.field('submitted_on', submittedOn);
  return r.attach('file', tinyPdf(name), name);
};
const review = (s: Session, id: string, fields: Record<string, string>) =>
  s.agent
    .post(`/deliverables/${id}/review`)
    .type('form')
    .send({ _csrf: s.csrf, ...fields });
const submit = (s: Session, id: string) =>
  s.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: s.csrf });
const tomorrow = () => format(addDays(new Date(`${localToday()}T12:00:00`), 1), 'yyyy-MM-dd');

describe('a back-dated deliverable', () => {
  it('keeps the day each version was handed in and the day of each decision; the acceptance is dated by its decision', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id, { title: 'Plan d’actions du GES' });
    const p = await loginAs(t.app, c.provider.email);
    const co = await loginAs(t.app, c.coordinator.email);

    await upload(p, id, '2016-05-20').expect(302);
    await submit(p, id).expect(302);
    await review(co, id, { decision: 'changes', comment: 'Préciser les échéances.', decided_on: '2016-05-27' }).expect(
      302,
    );
    await upload(p, id, '2016-06-10', 'plan-v2.pdf').expect(302);
    await review(co, id, { decision: 'accept', comment: '', decided_on: '2016-06-17' }).expect(302);

    const versions = await t
      .db('deliverable_versions')
      .where({ deliverable_id: id })
      .orderBy('version')
      .select('version', 'submitted_on');
    expect(versions).toEqual([
      { version: 1, submitted_on: '2016-05-20' },
      { version: 2, submitted_on: '2016-06-10' },
    ]);
    const decisions = await t
      .db('deliverable_comments')
      .where({ deliverable_id: id })
      .orderBy('id')
      .select('decision', 'decided_on');
    expect(decisions).toEqual([
      { decision: 'changes_requested', decided_on: '2016-05-27' },
      { decision: 'accepted', decided_on: '2016-06-17' },
    ]);

    const page = (await co.agent.get(`/deliverables/${id}`).expect(200)).text;
    expect(page).toContain('validé le 17 juin 2016');
    expect(page).toContain('le 20 mai 2016 par');
    expect(page).toContain('le 10 juin 2016 par');
    expect(page).toContain('le 27 mai 2016');
    // Recorded today, happened in 2016: the day of the recording is said too.
    expect(page).toContain('saisi le');
    // The case's list reads the day of the last version.
    const list = (await getCaseTab(co.agent, c.acc.id, 'deliverables').expect(200)).text;
    expect(list).toContain('10 juin 2016 (v2)');
  });

  it('offers today in both forms, and a form that sends no day means today', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    const form = (await p.agent.get(`/deliverables/${id}`).expect(200)).text;
    expect(form).toMatch(new RegExp(`name="submitted_on" type="date"\\s+value="${localToday()}"`));
    await upload(p, id, undefined).expect(302);
    await submit(p, id).expect(302);
    const co = await loginAs(t.app, c.coordinator.email);
    expect((await co.agent.get(`/deliverables/${id}`).expect(200)).text).toMatch(
      new RegExp(`name="decided_on" type="date"\\s+value="${localToday()}"`),
    );
    await review(co, id, { decision: 'accept' }).expect(302);
    expect(await t.db('deliverable_versions').where({ deliverable_id: id }).first('submitted_on')).toEqual({
      submitted_on: localToday(),
    });
    expect(await t.db('deliverable_comments').where({ deliverable_id: id }).first('decided_on')).toEqual({
      decided_on: localToday(),
    });
    expect((await co.agent.get(`/deliverables/${id}`).expect(200)).text).not.toContain('saisi le');
  });
});

describe('refused days', () => {
  it('a version handed in tomorrow, before the intake or before the previous version: the form again, in French, the day kept, nothing stored', async () => {
    const c = await deliveryCase(t.db); // intake on 1 July 2015
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);

    const future = await upload(p, id, tomorrow()).expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect(future.text).toContain(`value="${tomorrow()}"`);

    const early = await upload(p, id, '2015-06-30').expect(422);
    expect(early.text).toContain('Cette date précède l’accueil de l’accompagnement (1er juillet 2015)');
    expect(early.text).toContain('value="2015-06-30"');
    expect(early.text).toContain('aria-invalid="true"');

    const bad = await upload(p, id, '2016-02-31').expect(422);
    expect(bad.text).toContain('Saisissez une date valide');
    expect(await t.db('deliverable_versions').where({ deliverable_id: id })).toHaveLength(0);
    expect(await t.db('documents').where({ accompaniment_id: c.acc.id, purpose: 'deliverable' })).toHaveLength(0);

    await upload(p, id, '2016-05-20').expect(302);
    const before = await upload(p, id, '2016-05-19', 'v2.pdf').expect(422);
    expect(before.text).toContain('La version précédente a été remise le 20 mai 2016');
    expect(await t.db('deliverable_versions').where({ deliverable_id: id })).toHaveLength(1);
  });

  it('a decision dated tomorrow or before the version it reviews is refused next to its field, the comment kept', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    await upload(p, id, '2016-05-20').expect(302);
    await submit(p, id).expect(302);
    const co = await loginAs(t.app, c.coordinator.email);

    const future = await review(co, id, {
      decision: 'changes',
      comment: 'Revoir le calendrier.',
      decided_on: tomorrow(),
    }).expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect(future.text).toContain('Revoir le calendrier.');

    const early = await review(co, id, {
      decision: 'changes',
      comment: 'Revoir le calendrier.',
      decided_on: '2016-05-19',
    }).expect(422);
    expect(early.text).toContain('La version relue a été remise le 20 mai 2016 : la décision ne peut pas la précéder.');
    expect(early.text).toContain('id="field-decided_on-error"');
    expect(early.text).toContain('value="2016-05-19"');
    expect(early.text).toContain('Revoir le calendrier.');
    expect(await t.db('deliverable_comments').where({ deliverable_id: id })).toHaveLength(0);
    expect(await t.db('deliverables').where({ id }).first('status')).toEqual({ status: 'submitted' });
  });

  it('a consent given tomorrow is refused', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const b = await loginAs(t.app, c.beneficiary.email);
    const res = await b.agent
      .post(`/deliverables/${id}/consents`)
      .type('form')
      .send({
        _csrf: b.csrf,
        organisation_id: c.structures[0].id,
        signatory_name: 'Odile Perrot',
        given_on: tomorrow(),
      })
      .expect(422);
    expect(res.text).toContain('Cette date est dans le futur');
    expect(res.text).toContain('Odile Perrot');
    expect(await t.db('deliverable_consents').where({ deliverable_id: id })).toHaveLength(0);
  });
});

describe('who dates what', () => {
  it('a funder or a structure cannot review; a funder cannot upload', async () => {
    const c = await deliveryCase(t.db);
    const id = await createDeliverable(t.db, c.acc.id);
    const p = await loginAs(t.app, c.provider.email);
    await upload(p, id, '2016-05-20').expect(302);
    await submit(p, id).expect(302);
    for (const u of [c.funder, c.beneficiary]) {
      const s = await loginAs(t.app, u.email);
      await review(s, id, { decision: 'accept', decided_on: '2016-06-01' }).expect(403);
    }
    const f = await loginAs(t.app, c.funder.email);
    await upload(f, id, '2016-05-21').expect(403);
    expect(await t.db('deliverable_comments').where({ deliverable_id: id })).toHaveLength(0);
  });
});
