import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { drained } from './drain';
import { bodyOf, type Cell, type Section } from './tables';

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * The XLSX export: one sheet per section, then the detail sheet, written with exceljs's streaming
 * WorkbookWriter straight into the response; each row is committed (freed) as soon as it is added.
 */
export async function writeXlsx(
  out: Writable,
  sections: Section[],
  detail: { title: string; headers: string[]; rows: AsyncIterable<Cell[]> },
) {
  // Loaded on the first export, not with the app: exceljs takes half a second of CPU to load, which
  // every start of the app (and every test file) paid for a page few people open.
  const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS };
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  for (const section of sections) {
    const ws = wb.addWorksheet(sheetName(section.title));
    for (const table of section.tables) {
      ws.addRow([table.title]).commit();
      ws.addRow(table.headers).commit();
      for (const row of bodyOf(table)) ws.addRow(row).commit();
      ws.addRow([]).commit();
    }
    ws.commit();
  }
  const ws = wb.addWorksheet(sheetName(detail.title));
  ws.addRow(detail.headers).commit();
  for await (const row of detail.rows) {
    if (out.destroyed) return; // the client went away: stop reading the database
    ws.addRow(row).commit();
    await drained(out);
  }
  ws.commit();
  await wb.commit();
}
