import type { Writable } from 'node:stream';
import { drained } from './drain';
import { bodyOf, type Cell, type Section } from './tables';

/**
 * CSV for French Excel: UTF-8 with a BOM (else accents break), ';' between fields, decimal comma,
 * written line by line so a national detail never sits in memory.
 */
export const CSV_SEPARATOR = ';';

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  // A cell starting with = + - @ would be run as a formula by a spreadsheet: neutralise it.
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(CSV_SEPARATOR)}\r\n`;

async function write(out: Writable, line: string) {
  if (out.destroyed) return;
  out.write(line);
  await drained(out);
}

export async function writeCsv(
  out: Writable,
  sections: Section[],
  detail: { title: string; headers: string[]; rows: AsyncIterable<Cell[]> },
) {
  await write(out, '\uFEFF');
  for (const section of sections) {
    for (const table of section.tables) {
      await write(out, csvLine([`${section.title} – ${table.title}`]));
      await write(out, csvLine(table.headers));
      for (const row of bodyOf(table)) await write(out, csvLine(row));
      await write(out, '\r\n');
    }
  }
  await write(out, csvLine([detail.title]));
  await write(out, csvLine(detail.headers));
  for await (const row of detail.rows) {
    if (out.destroyed) return; // the client went away: stop reading the database
    await write(out, csvLine(row));
  }
  out.end();
}
