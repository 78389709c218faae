import type { MessageKey } from '../platform/i18n';
import { createPdf, date, eur, fr, heading as pdfHeading, num, plain, typedText } from '../platform/pdf';
import type { PartyKind } from './queries';

export type ConventionContent = {
  version: number;
  /** The day the version was issued (chosen by the user), printed as « établie le … ». */
  issuedOn: string;
  title: string;
  objectives: string | null;
  operator: string;
  days: string | null;
  amountEur: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  phases: { name: string; planned_start: string | null; planned_end: string | null }[];
  parties: { kind: PartyKind; name: string; signatories: number }[];
};

// The convention is a French contract: it is always written in French (platform/pdf's fr), whoever generates it.

/** Renders the convention as a PDF; resolves to the exact bytes that will be stored and hashed. */
export async function renderConventionPdf(c: ConventionContent): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: fr('conventions.pdf.title'), subject: c.title });
  const heading = (text: string) => pdfHeading(doc, text);

  doc.font('Helvetica-Bold').fontSize(18).text(fr('conventions.pdf.title'), { align: 'center' });
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(10.5)
    .text(fr('conventions.pdf.version', { version: c.version, date: date(c.issuedOn) }), { align: 'center' });
  doc.moveDown(0.3).font('Helvetica-Oblique').text(plain(c.title), { align: 'center' });

  heading(fr('conventions.pdf.parties'));
  for (const p of c.parties) {
    doc.text(plain(`• ${fr(`conventions.party.${p.kind}` as MessageKey)} : ${p.name}`));
  }

  heading(fr('conventions.pdf.object'));
  doc.text(plain(fr('conventions.pdf.objectIntro', { title: c.title })));
  if (c.objectives) typedText(doc.moveDown(0.3), c.objectives);

  heading(fr('conventions.pdf.daysAmount'));
  const days = c.days !== null ? num(c.days) : null;
  const amount = c.amountEur !== null ? eur(c.amountEur) : null;
  doc.text(plain(fr('conventions.pdf.days', { days: days ?? fr('conventions.pdf.notSet') })));
  doc.text(plain(fr('conventions.pdf.amount', { amount: amount ?? fr('conventions.pdf.notSet') })));
  if (c.days !== null && c.amountEur !== null && Number(c.days) > 0) {
    doc.text(plain(fr('conventions.pdf.dayRate', { rate: eur(Number(c.amountEur) / Number(c.days)) })));
  }

  heading(fr('conventions.pdf.phases'));
  if (!c.phases.length) doc.text(fr('conventions.pdf.noPhases'));
  c.phases.forEach((p, i) => {
    doc.text(
      plain(
        fr('conventions.pdf.phase', { n: i + 1, name: p.name, start: date(p.planned_start), end: date(p.planned_end) }),
      ),
    );
  });

  heading(fr('conventions.pdf.dates'));
  doc.text(fr('conventions.pdf.period', { start: date(c.plannedStart), end: date(c.plannedEnd) }));

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

  doc.end();
  return done;
}
