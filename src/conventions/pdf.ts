import type { MessageKey } from '../platform/i18n';
import { createPdf, date, ensureRoom, fr, heading as pdfHeading, plain, typedText } from '../platform/pdf';
import { partyLine, type ConventionContent } from './content';

// The convention is a French contract: it is always written in French (platform/pdf's fr), whoever
// generates it. It prints its stored content (content.ts), as its Word twin (docx.ts) does.

/** Renders the convention as a PDF; resolves to the exact bytes that will be stored and hashed. */
export async function renderConventionPdf(c: ConventionContent): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: fr('conventions.pdf.title'), subject: c.title });
  const heading = (text: string) => {
    ensureRoom(doc, 80);
    pdfHeading(doc, plain(text));
  };

  doc.font('Helvetica-Bold').fontSize(18).text(fr('conventions.pdf.title'), { align: 'center' });
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(10.5)
    .text(fr('conventions.pdf.version', { version: c.version, date: date(c.issuedOn) }), { align: 'center' });
  doc.moveDown(0.3).font('Helvetica-Oblique').text(plain(c.title), { align: 'center' });

  heading(fr('conventions.pdf.parties'));
  for (const p of c.parties) doc.text(plain(`• ${partyLine(p)}`));
  doc.moveDown(0.3).text(fr('conventions.content.agreed'));

  c.clauses.forEach((clause, i) => {
    heading(fr('conventions.content.article', { n: i + 1, title: clause.title }));
    typedText(doc, clause.text);
  });

  heading(fr('conventions.pdf.signatures'));
  doc.text(fr('conventions.pdf.signaturesIntro', { version: c.version }));
  for (const p of c.parties) {
    if (doc.y > doc.page.height - 170) doc.addPage();
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .text(plain(`${fr(`conventions.party.${p.kind}` as MessageKey)} : ${p.name}`))
      .font('Helvetica');
    for (let i = 0; i < p.signatories; i++) {
      doc.text(fr('conventions.pdf.signatoryLine'));
      doc.text(fr('conventions.pdf.dateLine'));
      doc.text(fr('conventions.pdf.signatureLine')).moveDown(0.6);
    }
  }
  doc.text(fr('conventions.content.templateNote', { version: c.template.version }), { align: 'right' });

  doc.end();
  return done;
}
