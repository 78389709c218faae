import { beneficiaryOf, diagnosticCase, funderOf, writeDiagnostic } from '../factories/diagnostics';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// A structure's validation of the diagnostic is dated the day it signed: not in the future, not
// before the case's intake (1 July 2015 here) nor before the structure joined.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FUTURE = `${new Date().getFullYear() + 1}-06-15`;
type Session = Awaited<ReturnType<typeof loginAs>>;
const validate = (s: Session, accId: string, fields: Record<string, string>) =>
  s.agent
    .post(`/accompaniments/${accId}/diagnostic/validations`)
    .type('form')
    .send({ _csrf: s.csrf, ...fields });
const validations = (accId: string) =>
  t.db('diagnostic_validations').where({ accompaniment_id: accId }).select('organisation_id', 'validated_on');

async function writtenCase() {
  const c = await diagnosticCase(t.db);
  await writeDiagnostic(t.db, c.acc.id);
  return { ...c, s: await loginAs(t.app, c.coordinator.email) };
}

describe('the day of a diagnostic validation', () => {
  it('records a past day, shown with « saisi le … » since it was typed today', async () => {
    const c = await writtenCase();
    await validate(c.s, c.acc.id, {
      organisation_id: c.structures[0].id,
      validated_on: '2015-10-15',
      validated_by_name: 'Bernard Mougin',
    }).expect(302);
    expect(await validations(c.acc.id)).toEqual([{ organisation_id: c.structures[0].id, validated_on: '2015-10-15' }]);
    const page = await getCaseTab(c.s.agent, c.acc.id, 'diagnostic').expect(200);
    expect(page.text).toMatch(/le 15 octobre 2015 par Bernard Mougin <span class="muted">\(saisi le [^)]+\)<\/span>/);
  });

  it('refuses a day before the intake, or before the structure joined, in French next to the field, input kept', async () => {
    const c = await writtenCase();
    const early = await validate(c.s, c.acc.id, {
      organisation_id: c.structures[0].id,
      validated_on: '2015-06-30',
      validated_by_name: 'Bernard Mougin',
    }).expect(422);
    expect(early.text).toContain(
      'Cette date précède l’accueil de l’accompagnement (le 1er juillet 2015) : la validation ne peut pas être antérieure.',
    );
    expect(early.text).toContain('value="2015-06-30"');
    expect(early.text).toContain('value="Bernard Mougin"');

    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.acc.id, organisation_id: c.structures[1].id })
      .update({ joined_on: '2015-09-01' });
    const beforeJoining = await validate(c.s, c.acc.id, {
      organisation_id: c.structures[1].id,
      validated_on: '2015-08-20',
      validated_by_name: 'Odile Perrot',
    }).expect(422);
    expect(beforeJoining.text).toContain(
      'Cette date précède l’entrée de la structure dans l’accompagnement (le 1er septembre 2015).',
    );
    expect(beforeJoining.text).toContain('value="Odile Perrot"');
    expect(await validations(c.acc.id)).toEqual([]);
    expect(await t.db('audit_log').where({ action: 'diagnostic.validate', entity_id: c.acc.id })).toHaveLength(0);
  });

  it('refuses a beneficiary’s own validation dated in the future, input kept', async () => {
    const c = await writtenCase();
    const odile = await beneficiaryOf(t.db, c.structures[1].id, 'Odile Perrot');
    const s = await loginAs(t.app, odile.email);
    const res = await validate(s, c.acc.id, {
      organisation_id: c.structures[1].id,
      validated_on: FUTURE,
      validated_by_name: 'Odile Perrot',
    }).expect(422);
    expect(res.text).toContain(
      'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
    );
    expect(res.text).toContain(`value="${FUTURE}"`);
    expect(await validations(c.acc.id)).toEqual([]);
  });

  it('is refused to a funder of the case, whatever the day', async () => {
    const c = await writtenCase();
    const funder = await loginAs(t.app, (await funderOf(t.db, c.acc.id)).email);
    await validate(funder, c.acc.id, {
      organisation_id: c.structures[0].id,
      validated_on: '2015-10-15',
      validated_by_name: 'Bernard Mougin',
    }).expect(403);
    expect(await validations(c.acc.id)).toEqual([]);
  });
});
