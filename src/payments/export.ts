import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { csvLine } from '../indicators/csv';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { MessageKey, Translate } from '../platform/i18n';
import { asNumber } from './money';
import { scopeOrders } from './scope';

/**
 * The accountant's export: every movement of paying the provider in a period, one line each — an
 * order issued, an invoice received, a payment made — dated by the day it happened, with amounts as
 * numbers (a spreadsheet adds them up). Read through the orders' scope: a director gets its
 * operator's, an admin every operator's.
 */
export type MovementRow = {
  on_date: string;
  kind: 'order' | 'invoice' | 'payment';
  order_number: string;
  invoice_number: string | null;
  operator_name: string;
  provider_name: string;
  case_title: string;
  envelope_label: string;
  funder_name: string;
  amount_excl_vat_eur: string | null;
  amount_eur: string;
  status: string | null;
  reference: string | null;
};

export async function movements(db: Db, user: SessionUser, period: { from: string; to: string }) {
  const base = () =>
    scopeOrders(
      user,
      db('purchase_orders as o')
        .join('organisations as op', 'op.id', 'o.operator_id')
        .join('organisations as pr', 'pr.id', 'o.provider_id')
        .join('accompaniments as a', 'a.id', 'o.accompaniment_id')
        .join('envelope_commitments as ec', 'ec.id', 'o.commitment_id')
        .join('funding_envelopes as fe', 'fe.id', 'ec.envelope_id')
        .join('organisations as fu', 'fu.id', 'fe.funder_id'),
    );
  const common = [
    'o.number as order_number',
    'op.name as operator_name',
    'pr.name as provider_name',
    'a.title as case_title',
    'fe.label as envelope_label',
    'fu.name as funder_name',
  ];
  const orders = base()
    .whereBetween('o.issued_on', [period.from, period.to])
    .select(
      'o.issued_on as on_date',
      db.raw(`'order' as kind`),
      ...common,
      db.raw('null::text as invoice_number'),
      db.raw('o.amount_excl_vat_eur::text as amount_excl_vat_eur'),
      db.raw('o.amount_incl_vat_eur::text as amount_eur'),
      'o.status',
      db.raw('null::text as reference'),
      'o.id as sort_id',
    );
  const invoices = base()
    .join('provider_invoices as i', 'i.purchase_order_id', 'o.id')
    .whereBetween('i.invoiced_on', [period.from, period.to])
    .select(
      'i.invoiced_on as on_date',
      db.raw(`'invoice' as kind`),
      ...common,
      'i.number as invoice_number',
      db.raw('i.amount_excl_vat_eur::text as amount_excl_vat_eur'),
      db.raw('i.amount_incl_vat_eur::text as amount_eur'),
      'i.status',
      db.raw('null::text as reference'),
      'i.id as sort_id',
    );
  const payments = base()
    .join('provider_invoices as i', 'i.purchase_order_id', 'o.id')
    .join('payments as p', 'p.invoice_id', 'i.id')
    .whereBetween('p.paid_on', [period.from, period.to])
    .select(
      'p.paid_on as on_date',
      db.raw(`'payment' as kind`),
      ...common,
      'i.number as invoice_number',
      db.raw('null::text as amount_excl_vat_eur'),
      db.raw('p.amount_eur::text as amount_eur'),
      db.raw('null::text as status'),
      'p.reference',
      'p.id as sort_id',
    );
  const rows = await db
    .from(orders.unionAll([invoices, payments], true).as('m'))
    .orderBy([{ column: 'on_date' }, { column: 'kind', order: 'desc' }, { column: 'sort_id' }])
    .select<(MovementRow & { sort_id: string })[]>('*');
  return rows.map(({ sort_id: _sort, ...r }) => r);
}

type Cell = string | number | null;

/** The export's columns and each movement's cells, in the reader's language. */
export function table(t: Translate, rows: MovementRow[]): { headers: string[]; cells: Cell[][] } {
  const headers = [
    'date',
    'kind',
    'orderNumber',
    'invoiceNumber',
    'operator',
    'provider',
    'case',
    'envelope',
    'funder',
    'amountExclVat',
    'amount',
    'status',
    'reference',
  ].map((k) => t(`payments.export.col.${k}` as MessageKey));
  const cells = rows.map((r): Cell[] => [
    r.on_date,
    t(`payments.export.kind.${r.kind}` as MessageKey),
    r.order_number,
    r.invoice_number,
    r.operator_name,
    r.provider_name,
    r.case_title,
    r.envelope_label,
    r.funder_name,
    r.amount_excl_vat_eur === null ? null : asNumber(r.amount_excl_vat_eur),
    asNumber(r.amount_eur),
    r.status ? t(`payments.status.${r.kind}.${r.status}` as MessageKey) : null,
    r.reference,
  ]);
  return { headers, cells };
}

/** CSV as the indicators write it (indicators/csv.ts): BOM, ';', decimal comma, formulas neutralised. */
export function writeCsv(out: Writable, data: { headers: string[]; cells: Cell[][] }) {
  out.write('\uFEFF');
  out.write(csvLine(data.headers));
  for (const row of data.cells) out.write(csvLine(row));
  out.end();
}

/** XLSX with exceljs, loaded on the first export only (half a second of CPU, as in indicators/xlsx.ts). */
export async function writeXlsx(out: Writable, sheet: string, data: { headers: string[]; cells: Cell[][] }) {
  const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS };
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow(data.headers).commit();
  for (const row of data.cells) {
    const added = ws.addRow(row);
    for (const col of [10, 11]) if (typeof row[col - 1] === 'number') added.getCell(col).numFmt = '#,##0.00';
    added.commit();
  }
  ws.commit();
  await wb.commit();
}
