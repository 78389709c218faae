/**
 * Text as a user types it in a browser's text box (CRLF line breaks, a "- item" list, French
 * characters, an amount), and what every PDF must print of it, read back with pdf.js.
 */
export const TYPED_TEXT = [
  'Cœur de l’action : « mutualiser » ?',
  '- réunir les quatre structures',
  '* un budget de 12 500 € en 2016',
  '• Élodie et Ève pilotent',
  'Après l’été, bilan à 80 % !',
].join('\r\n');

/** The typed lines as printed: one line each, the list as bullets, nothing drawn for a CR. */
export const TYPED_LINES = [
  'Cœur de l’action : « mutualiser » ?',
  '• réunir les quatre structures',
  '• un budget de 12 500 € en 2016',
  '• Élodie et Ève pilotent',
  'Après l’été, bilan à 80 % !',
];

/** The lines of a PDF's text, trimmed, spaces (no-break ones read back as plain) collapsed. */
export const pdfLines = (text: string) => text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());

/** Asserts the PDF text holds the typed text line for line, in order, and no stray "Ð". */
export function expectTypedText(text: string) {
  expect(text).not.toContain('Ð');
  const lines = pdfLines(text);
  const first = lines.indexOf(TYPED_LINES[0]);
  expect(first).toBeGreaterThanOrEqual(0);
  expect(lines.slice(first, first + TYPED_LINES.length)).toEqual(TYPED_LINES);
}

/** An amount broken across two lines: "7" at the end of a line, "000 €" or "€" on the next. */
export const BROKEN_AMOUNT = /\d\n(\d{3}(?!\d)|€)/;
