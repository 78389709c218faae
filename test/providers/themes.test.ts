import { sharedThemes, themeCodesOf } from '../../src/providers/themes';

const ITEMS = [
  { code: 'governance', label_fr: 'Gouvernance', label_en: 'Governance' },
  { code: 'economic_model', label_fr: 'Modèle économique', label_en: 'Business model' },
];

describe('a case’s free-text themes as theme codes', () => {
  it('reads a code, a French or an English label, whatever the case and the spaces', () => {
    expect(themeCodesOf(['  GOUVERNANCE ', 'modèle ÉCONOMIQUE', 'Business Model', 'governance'], ITEMS)).toEqual([
      'governance',
      'economic_model',
    ]);
  });

  it('keeps a theme the list does not name, lower-cased, so that codes typed while the list was empty still match', () => {
    expect(themeCodesOf(['Communication', ''], ITEMS)).toEqual(['communication']);
    expect(themeCodesOf(['Communication'], [])).toEqual(['communication']);
  });

  it('matches a provider on the codes it shares with the case, case-insensitively', () => {
    const codes = themeCodesOf(['Gouvernance', 'Communication'], ITEMS);
    expect(sharedThemes(['governance', 'accounting'], codes)).toEqual(['governance']);
    expect(sharedThemes(['COMMUNICATION'], codes)).toEqual(['communication']);
    expect(sharedThemes(['accounting'], codes)).toEqual([]);
  });
});
