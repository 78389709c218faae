import { a, de, que, startsWithVowelSound } from '../../src/platform/i18n/elide';
import { pluralCategory, translate, type MessageKey } from '../../src/platform/i18n';
import { fr } from '../../src/platform/i18n/fr';

// Messages of the catalogues, as a reader sees them.
describe('plurals through Intl.PluralRules', () => {
  it('writes French counts as French does: 0 and 1 singular, 1,5 singular, 2 plural', () => {
    const t = (count: number | string) => translate('fr', 'timeline.count', { count });
    expect(t(0)).toBe('0 événement');
    expect(t(1)).toBe('1 événement');
    expect(t(2)).toBe('2 événements');
    expect(t(1_000_000)).toBe('1000000 événements');
    expect(pluralCategory('fr', '1,5')).toBe('one');
    expect(pluralCategory('fr', '6,5')).toBe('other');
    expect(pluralCategory('fr', '1\u202f234')).toBe('other');
  });

  it('writes English counts as English does: only 1 is singular', () => {
    const t = (count: number) => translate('en', 'timeline.count', { count });
    expect(t(0)).toBe('0 events');
    expect(t(1)).toBe('1 event');
    expect(t(2)).toBe('2 events');
    expect(pluralCategory('en', '1.5')).toBe('other');
  });

  it('agrees every count of a message with its own number, and never writes « (s) »', () => {
    expect(translate('fr', 'sessions.show.attendanceCount', { present: 1, invited: 6, excused: 0, absent: 2 })).toBe(
      '1 présent·e sur 6 invité·es ; 0 excusé·e, 2 absent·es.',
    );
    expect(translate('en', 'sessions.show.attendanceCount', { present: 1, invited: 6, excused: 0, absent: 2 })).toBe(
      '1 present of 6 invited; 0 excused, 2 absent.',
    );
    expect(translate('fr', 'conventions.partiesSigned', { signed: 1, total: 4 })).toBe('1 partie sur 4 a signé');
    expect(translate('fr', 'conventions.partiesSigned', { signed: 3, total: 4 })).toBe('3 parties sur 4 ont signé');
    expect(translate('fr', 'progressReports.c.consumedOf', { consumed: '1,5', contracted: '6', percent: '25' })).toBe(
      '1,5 jour consommé sur 6 contractualisés (25 %)',
    );
    expect(translate('en', 'progressReports.c.consumedOf', { consumed: '1', contracted: '6', percent: '17' })).toBe(
      '1 day consumed of 6 contracted (17 %)',
    );
    // Days may be fractional: French keeps 1,5 singular, English makes it plural.
    expect(translate('fr', 'caseSheets.effort.days', { days: '1,5', kind: 'collectif' })).toBe(
      '1,5 jour d’accompagnement collectif',
    );
    expect(translate('en', 'caseSheets.effort.days', { days: '1.5', kind: 'collective' })).toBe(
      '1.5 days of collective support',
    );
    expect(translate('fr', 'caseSheets.headcountOnly', { employees: 1 })).toBe('1 salarié');
    for (const locale of ['fr', 'en'] as const) {
      for (const key of [
        'pagination.total',
        'login.throttled',
        'outbox.attempts',
        'phases.template.created',
      ] as MessageKey[]) {
        for (const n of [0, 1, 2])
          expect(translate(locale, key, { count: n, total: n, minutes: n, n })).not.toContain('(s)');
      }
    }
  });

  it('leaves a message whose count is not given as written', () => {
    expect(translate('fr', 'timeline.count')).toContain('{count, plural,');
    expect(translate('fr', 'timeline.count', { other: 1 })).toContain('{count, plural,');
  });
});

describe('elision before a name', () => {
  it('elides « de » and « que » before a vowel or a mute h, not before a consonant or an aspirated h', () => {
    expect(de('Intermed')).toBe('d’Intermed');
    expect(de('Energie Emploi')).toBe('d’Energie Emploi');
    expect(de('Éco-Relais')).toBe('d’Éco-Relais');
    expect(de('Habitat et Humanisme')).toBe('d’Habitat et Humanisme');
    expect(de('Chacasol')).toBe('de Chacasol');
    expect(de('Hauts-de-France Insertion')).toBe('de Hauts-de-France Insertion');
    expect(que('Intermed')).toBe('qu’Intermed');
    expect(que('Chamois')).toBe('que Chamois');
    expect(startsWithVowelSound('Handicap Services')).toBe(false);
  });

  it('contracts the article of a name: du Relais, des Amis, au Relais', () => {
    expect(de('Le Relais')).toBe('du Relais');
    expect(de('Les Amis du Sud')).toBe('des Amis du Sud');
    expect(de('La Ressourcerie')).toBe('de La Ressourcerie');
    expect(a('Le Relais')).toBe('au Relais');
    expect(a('Les Amis du Sud')).toBe('aux Amis du Sud');
    expect(a('Intermed')).toBe('à Intermed');
  });

  it('is applied by the French messages and not by the English ones', () => {
    expect(translate('fr', 'consultations.proposal.title', { name: 'Intermed' })).toBe('Proposition d’Intermed');
    expect(translate('fr', 'consultations.proposal.title', { name: 'Chacasol' })).toBe('Proposition de Chacasol');
    expect(translate('fr', 'beneficiaries.withdraw.title', { name: 'Energie Emploi' })).toBe('Sortie d’Energie Emploi');
    expect(translate('en', 'consultations.proposal.title', { name: 'Intermed' })).toBe('Proposal of Intermed');
  });
});

describe('French spacing in the catalogue', () => {
  it('puts a space before « : ; ? ! » in every French message, as the catalogue always has', () => {
    // Addresses, times (14:30) and placeholders aside: a word glued to « : ; ? ! » is an English habit.
    const glued = Object.entries(fr).filter(([, v]) =>
      /[^\s\d{(/][;?!]|[^\s\d{(/:]:(?!\d)/.test(v.replace(/https?:\/\/\S*/g, '').replace(/\{[^{}]*\}/g, 'X')),
    );
    expect(glued).toEqual([]);
  });
});
