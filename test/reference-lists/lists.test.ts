import { LEGAL_FORMS } from '../../src/structures/schemas';
import { labelOrValue, listItems, listLabels, listOptions, refusedCodes } from '../../src/reference-lists/lists';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the national lists as seeded', () => {
  it('holds the structure form’s legal forms (same codes), the five action types, themes and sectors', async () => {
    const legal = await listItems(t.db, 'legal_form');
    expect(legal.map((i) => i.code).sort()).toEqual([...LEGAL_FORMS].sort());
    expect(legal.find((i) => i.code === 'association')).toMatchObject({
      label_fr: 'Association loi 1901',
      active: true,
    });
    const actions = await listItems(t.db, 'action_type');
    expect(actions.map((i) => i.code)).toEqual([
      'individual_consultancy',
      'collective_consultancy',
      'advice',
      'orientation',
      'local_offer',
    ]);
    const themes = await listItems(t.db, 'theme', { activeOnly: true });
    expect(themes.map((i) => i.code)).toEqual(expect.arrayContaining(['governance', 'economic_model', 'accounting']));
    expect((await listItems(t.db, 'sector')).map((i) => i.code)).toEqual(
      expect.arrayContaining(['insertion', 'culture', 'fair_trade']),
    );
  });

  it('gives a form its options in the reader’s language, keeps a deactivated code a record holds, refuses unknown codes', async () => {
    await t.db('reference_items').where({ list: 'theme', code: 'digital' }).update({ active: false });
    try {
      const fr = await listOptions(t.db, ['theme', 'sector'], 'fr');
      expect(fr.theme.find((o) => o.value === 'governance')?.label).toBe('Gouvernance');
      expect(fr.theme.some((o) => o.value === 'digital')).toBe(false);
      const kept = await listOptions(t.db, ['theme'], 'en', { theme: ['digital'] });
      expect(kept.theme.find((o) => o.value === 'digital')).toEqual({
        value: 'digital',
        label: 'Digital',
        inactive: true,
      });
      const labels = await listLabels(t.db, ['theme'], 'fr');
      expect(labelOrValue(labels.theme, 'digital')).toBe('Numérique');
      expect(labelOrValue(labels.theme, 'Comptabilité analytique')).toBe('Comptabilité analytique');
      expect(await refusedCodes(t.db, 'theme', ['governance', 'digital', 'nope'])).toEqual(['digital', 'nope']);
      expect(await refusedCodes(t.db, 'theme', ['governance', 'digital'], ['digital'])).toEqual([]);
    } finally {
      await t.db('reference_items').where({ list: 'theme', code: 'digital' }).update({ active: true });
    }
  });
});
