import type PDFKitDocument from 'pdfkit';
import { textBlocks } from '../text';
import { formatDate, formatEuros, formatNumber, MessageKey, Params, translate } from '../i18n';

/**
 * What every generated PDF of Jalons shares (conventions, progress reports, case sheets):
 * an A4 pdfkit document with the built-in Helvetica fonts, collected into the exact bytes that
 * are stored and hashed, and French formatting that those fonts can print.
 */
export type Pdf = PDFKit.PDFDocument;

export async function createPdf(info: {
  title: string;
  subject?: string;
}): Promise<{ doc: Pdf; done: Promise<Buffer> }> {
  // Loaded on the first PDF (like exceljs on the first export): a quarter of a second of CPU that
  // every start and every test file paid before.
  const { default: PDFDocument } = (await import('pdfkit')) as { default: typeof PDFKitDocument };
  // pdfkit hashes every info field it is given: an undefined Subject makes it throw.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: info.title, ...(info.subject ? { Subject: info.subject } : {}) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

// Documents sent outside (conventions, reports, case sheets) are written in French, whoever generates them.
export const fr = (key: MessageKey, params?: Params) => translate('fr', key, params);
/**
 * Any text as the standard PDF fonts (WinAnsi) can print it, and as French typography keeps it
 * together. Browsers send line breaks as CRLF, and those fonts draw a carriage return as a glyph
 * ("Ð"): every line break becomes "\n". The fonts know the no-break space (U+00A0), not the narrow
 * one French number formatting uses (U+202F, drawn as "/"): it becomes a no-break space, so pdfkit
 * never breaks a line inside "7 000 €". Typed text gets the same: the space inside a number's
 * thousands, before "€", "%", ":", ";", "?", "!", "»" and after "«" is made unbreakable.
 */
export const plain = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/\u202f/g, '\u00a0')
    .replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0')
    .replace(/ (?=[€%:;?!»])/g, '\u00a0')
    .replace(/« /g, '«\u00a0');
export const num = (v: string | number) => plain(formatNumber('fr', v));
export const eur = (v: string | number) => plain(formatEuros('fr', v));
export const date = (v: string | Date | null | undefined) => (v ? formatDate('fr', v) : '—');

/** A section title followed by body text settings. */
export function heading(doc: Pdf, text: string) {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.3).font('Helvetica').fontSize(10.5);
}

/** Starts a new page when fewer than `room` points remain (keeps a title with what follows). */
export function ensureRoom(doc: Pdf, room: number) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - room) doc.addPage();
}

type Place = { x?: number; width?: number };
const placeOf = (doc: Pdf, p: Place) => {
  const x = p.x ?? doc.page.margins.left;
  return { x, width: p.width ?? doc.page.width - doc.page.margins.right - x };
};

/** A list with a hanging indent: "•" in the margin, each item's lines aligned after it. */
export function bulletList(doc: Pdf, items: string[], place: Place = {}) {
  const { x, width } = placeOf(doc, place);
  for (const item of items) {
    ensureRoom(doc, 30);
    const y = doc.y;
    doc.text('•', x + 2, y, { width: 10 });
    doc.text(plain(item), x + 14, y, { width: width - 14, paragraphGap: 2 });
  }
  doc.x = doc.page.margins.left;
  return doc;
}

/**
 * Prints what a user typed (objectives, next steps, reasons, roles…): each line as a line, lines
 * typed as "- item", "* item" or "• item" as a bullet list, amounts and French spacing kept
 * together (plain). Every generator prints typed text through this; `empty` is printed instead of
 * nothing, `label` ("Motifs") before the text.
 */
export function typedText(
  doc: Pdf,
  text: string | null | undefined,
  opts: Place & { empty?: string; label?: string } = {},
) {
  const { x, width } = placeOf(doc, opts);
  const blocks = textBlocks(text);
  // "Motifs : …" on one line for one line of text; above the text when it has several or a list.
  if (opts.label && blocks.length === 1 && blocks[0].kind === 'p')
    blocks[0] = { kind: 'p', text: `${opts.label} : ${blocks[0].text}` };
  else if (opts.label && blocks.length) doc.text(plain(`${opts.label} :`), x, doc.y, { width });
  if (!blocks.length && opts.empty) doc.text(plain(opts.empty), x, doc.y, { width });
  for (const b of blocks) {
    if (b.kind === 'p') doc.text(plain(b.text), x, doc.y, { width });
    else bulletList(doc, b.items, { x, width });
  }
  doc.x = doc.page.margins.left;
  return doc;
}
