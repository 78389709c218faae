import { createDocx } from '../platform/docx';
import type { MessageKey } from '../platform/i18n';
import { date, fr } from '../platform/pdf';
import { partyLine, type ConventionContent } from './content';

// The Word twin of pdf.ts: the same stored content (content.ts), in the same order, in French, for
// the coordinator to finish in Word or LibreOffice. The PDF stays the version the parties sign
// (its SHA-256 is recorded); this copy is a working document.
export async function renderConventionDocx(c: ConventionContent): Promise<Buffer> {
  const w = await createDocx({ title: fr('conventions.pdf.title'), subject: c.title });

  w.title(fr('conventions.pdf.title'));
  w.para(fr('conventions.pdf.version', { version: c.version, date: date(c.issuedOn) }), { align: 'center' });
  w.para(c.title, { italics: true, align: 'center' });

  w.heading(fr('conventions.pdf.parties'));
  w.bullets(c.parties.map(partyLine));
  w.para(fr('conventions.content.agreed'));

  c.clauses.forEach((clause, i) => {
    w.heading(fr('conventions.content.article', { n: i + 1, title: clause.title }));
    w.typed(clause.text);
  });

  w.heading(fr('conventions.pdf.signatures'));
  w.para(fr('conventions.pdf.signaturesIntro', { version: c.version }));
  for (const p of c.parties) {
    w.label(`${fr(`conventions.party.${p.kind}` as MessageKey)} : ${p.name}`);
    for (let i = 0; i < p.signatories; i++) {
      w.para(fr('conventions.pdf.signatoryLine'));
      w.para(fr('conventions.pdf.dateLine'));
      w.para(fr('conventions.pdf.signatureLine'));
    }
  }
  w.para(fr('conventions.content.templateNote', { version: c.template.version }), { size: 16, align: 'right' });
  return w.pack();
}
