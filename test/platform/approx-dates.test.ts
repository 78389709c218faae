import { z } from 'zod';
import { approxDateShape, fmtApproxDate, fmtApproxDateStart, PRECISIONS } from '../../src/platform/approx-dates';
import { parseForm } from '../../src/platform/forms';
import { translate } from '../../src/platform/i18n';

// Dates known only approximately print as precisely as they are known, never as an invented day.
describe('fmtApproxDate', () => {
  it.each([
    ['2015-10-15', 'mid_month', 'mi-octobre 2015', 'mid-October 2015'],
    ['2015-10-03', 'month', 'octobre 2015', 'October 2015'],
    ['2016-01-05', 'early_month', 'début janvier 2016', 'early January 2016'],
    ['2017-06-28', 'late_month', 'fin juin 2017', 'late June 2017'],
    ['2016-04-20', 'season', 'printemps 2016', 'spring 2016'],
    ['2016-07-01', 'season', 'été 2016', 'summer 2016'],
    ['2016-10-01', 'season', 'automne 2016', 'autumn 2016'],
    ['2015-12-10', 'season', 'hiver 2015-2016', 'winter 2015-2016'],
    ['2016-02-10', 'season', 'hiver 2015-2016', 'winter 2015-2016'],
    ['2017-06-30', 'year', 'courant 2017', 'during 2017'],
    ['2018-01-01', 'day', '1er janvier 2018', '1 January 2018'],
    ['2016-02-12', 'day', '12 février 2016', '12 February 2016'],
  ])('%s known to the %s reads « %s » (« %s »)', (on, precision, french, english) => {
    expect(fmtApproxDate('fr', on, precision)).toBe(french);
    expect(fmtApproxDate('en', on, precision)).toBe(english);
  });

  it('opens a line with a capital, and prints nothing without a date', () => {
    expect(fmtApproxDateStart('fr', '2015-10-15', 'mid_month')).toBe('Mi-octobre 2015');
    expect(fmtApproxDateStart('fr', '2017-03-01', 'year')).toBe('Courant 2017');
    expect(fmtApproxDate('fr', null, 'month')).toBe('');
  });
});

describe('approxDateShape: the two form fields of an approximate date', () => {
  const schema = z.object({ ...approxDateShape('on', { required: true }), ...approxDateShape('end') });
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate('fr', key, params);

  it('takes a day and its precision; no precision means the day', () => {
    expect(parseForm(schema, { on: '2015-10-15', on_precision: 'mid_month' }, t)).toEqual({
      ok: true,
      data: { on: '2015-10-15', on_precision: 'mid_month', end: null, end_precision: 'day' },
    });
    for (const p of PRECISIONS) expect(parseForm(schema, { on: '2016-01-01', on_precision: p }, t).ok).toBe(true);
  });

  it('refuses an impossible day, an unknown precision and a missing required date, in French', () => {
    expect(parseForm(schema, { on: '2016-02-30', on_precision: 'month' }, t)).toEqual({
      ok: false,
      errors: { on: 'Saisissez une date valide (jj/mm/aaaa).' },
    });
    const bad = parseForm(schema, { on: '2016-02-10', on_precision: 'quinzaine' }, t);
    expect(bad).toEqual({ ok: false, errors: { on_precision: expect.stringContaining('Choisissez une précision') } });
    expect(parseForm(schema, { on: '' }, t)).toEqual({
      ok: false,
      errors: { on: 'Indiquez une date (jj/mm/aaaa), même approximative, avec sa précision.' },
    });
  });
});
