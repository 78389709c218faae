/**
 * A SIRET is 14 digits whose Luhn sum is a multiple of 10. La Poste's establishments
 * (SIREN 356000000) are the documented exception: their digit sum is a multiple of 5,
 * except the head office (35600000000048), which keeps the Luhn key.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000') && value !== '35600000000048') {
    return [...value].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(value[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Accepts the spaced form people type ("123 456 789 00012") and keeps the digits. */
export function normaliseSiret(value: string): string {
  return value.replace(/[\s.]/g, '');
}
