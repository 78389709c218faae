import PDFDocument from 'pdfkit';
import { formatDate, formatEuros, formatNumber, MessageKey, Params, translate } from '../i18n';

/**
 * What every generated PDF of Jalons shares (conventions, progress reports, case sheets):
 * an A4 pdfkit document with the built-in Helvetica fonts, collected into the exact bytes that
 * are stored and hashed, and French formatting that those fonts can print.
 */
export type Pdf = PDFKit.PDFDocument;

export function createPdf(info: { title: string; subject?: string }): { doc: Pdf; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: info.title, Subject: info.subject } });
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
// The standard PDF fonts know the ordinary and the no-break space, not the narrow one French
// number formatting uses ("7 000 €"): both become plain spaces in the file.
export const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
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
