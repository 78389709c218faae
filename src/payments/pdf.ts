import type { Db } from '../platform/db';
import { memoPdf } from '../platform/pdf/memo';
import { formatAmount } from '../platform/i18n';
import { createPdf, date, fr, heading as pdfHeading, num, plain } from '../platform/pdf';
import { fromCents, toCents } from './money';
import type { OrderRow } from './queries';
import { currentConvention } from './case-queries';

/** What the bon de commande prints, read from the record (the order, its case, bid and convention). */
export type OrderContent = {
  number: string;
  issuedOn: string;
  status: string;
  operator: string;
  provider: string;
  caseTitle: string;
  structures: string[];
  days: string | null;
  amountExclVat: string;
  amountInclVat: string;
  convention: { version: number; issuedOn: string } | null;
  envelope: string;
  funder: string;
};

export async function orderContent(db: Db, order: OrderRow): Promise<OrderContent> {
  const [structures, bid, convention] = await Promise.all([
    db('accompaniment_beneficiaries as b')
      .join('organisations as s', 's.id', 'b.organisation_id')
      .where({ 'b.accompaniment_id': order.accompaniment_id, 'b.status': 'active' })
      .orderBy('s.name')
      .pluck<string[]>('s.name'),
    order.bid_id
      ? db('consultation_bids').where({ id: order.bid_id }).first<{ proposal_days: string | null }>('proposal_days')
      : undefined,
    currentConvention(db, order.accompaniment_id),
  ]);
  return {
    number: order.number,
    issuedOn: order.issued_on,
    status: order.status,
    operator: order.operator_name,
    provider: order.provider_name,
    caseTitle: order.acc_title,
    structures,
    days: bid?.proposal_days ?? null,
    amountExclVat: order.amount_excl_vat_eur,
    amountInclVat: order.amount_incl_vat_eur,
    convention: convention ? { version: convention.version, issuedOn: convention.issued_on } : null,
    envelope: order.envelope_label,
    funder: order.funder_name,
  };
}

/** An amount with its cents, as the PDF fonts print it (« 8 400,00 € »). */
const eur = (v: string) => plain(formatAmount('fr', v));

/**
 * The bon de commande as a PDF, always in French (an order is a French commercial document), drawn
 * again only when what it prints changed (memoPdf).
 */
export function renderOrderPdf(c: OrderContent): Promise<Buffer> {
  return memoPdf('purchase-order', c, async () => {
    const { doc, done } = await createPdf({
      title: fr('payments.pdf.title', { number: c.number }),
      subject: c.caseTitle,
    });
    const heading = (text: string) => pdfHeading(doc, text);
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(plain(fr('payments.pdf.title', { number: c.number })), { align: 'center' });
    doc
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(10.5)
      .text(plain(fr('payments.pdf.issuedOn', { date: date(c.issuedOn) })), { align: 'center' });
    if (c.status === 'cancelled')
      doc.moveDown(0.3).font('Helvetica-Bold').text(fr('payments.pdf.cancelled'), { align: 'center' });

    heading(fr('payments.pdf.parties'));
    doc.font('Helvetica').text(plain(fr('payments.pdf.buyer', { name: c.operator })));
    doc.text(plain(fr('payments.pdf.provider', { name: c.provider })));

    heading(fr('payments.pdf.object'));
    doc.text(plain(fr('payments.pdf.case', { title: c.caseTitle })));
    doc.text(plain(fr('payments.pdf.structures', { names: c.structures.length ? c.structures.join(', ') : '—' })));
    doc.text(
      plain(
        c.convention
          ? fr('payments.pdf.convention', { version: c.convention.version, date: date(c.convention.issuedOn) })
          : fr('payments.pdf.noConvention'),
      ),
    );
    doc.text(plain(fr('payments.pdf.days', { days: c.days !== null ? num(c.days) : '—' })));

    heading(fr('payments.pdf.amounts'));
    doc.text(plain(fr('payments.pdf.exclVat', { amount: eur(c.amountExclVat) })));
    doc.text(
      plain(fr('payments.pdf.vat', { amount: eur(fromCents(toCents(c.amountInclVat) - toCents(c.amountExclVat))) })),
    );
    doc
      .font('Helvetica-Bold')
      .text(plain(fr('payments.pdf.inclVat', { amount: eur(c.amountInclVat) })))
      .font('Helvetica');
    doc.text(plain(fr('payments.pdf.funding', { envelope: c.envelope, funder: c.funder })));

    heading(fr('payments.pdf.terms'));
    doc.text(plain(fr('payments.pdf.termsText', { number: c.number })));
    doc.moveDown(1.5).text(plain(fr('payments.pdf.signature', { name: c.operator })));
    doc.end();
    return done;
  });
}
