/**
 * Euros with cents, exactly: amounts come from the database as numeric text ('1234.50') and from
 * forms as normalised text (optionalAmount: '1234.5'); they are compared and added as integer cents,
 * never as floating euros. numeric(14,2) stays far below 2^53 cents.
 */
export type Cents = number;

export function toCents(v: string | number | null | undefined): Cents {
  if (v === null || v === undefined || v === '') return 0;
  const s = String(v).trim();
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace(/^[-+]/, '').split('.');
  const cents = Number(whole || '0') * 100 + Number(`${frac}00`.slice(0, 2));
  return negative ? -cents : cents;
}

/** Cents as the numeric text a column or a form takes ('1234.50'). */
export function fromCents(c: Cents): string {
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The number an export cell holds (a spreadsheet adds it up): exact to the cent as a decimal. */
export const asNumber = (v: string | number | null | undefined) => toCents(v) / 100;
