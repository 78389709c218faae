/**
 * The text of a PDF, read back the way a person reads it: lines top to bottom, words left to right,
 * with Mozilla's pdf.js (pdfjs-dist, pure JavaScript: nothing to install on the machine, unlike
 * poppler's pdftotext). Items on the same baseline make one line; a gap wider than a space between
 * two items is written as a space (pdfkit draws a justified or positioned line in pieces).
 */
import path from 'node:path';

type TextItem = { str: string; transform: number[]; width: number; hasEOL?: boolean };
type PdfJs = {
  getDocument(src: { data: Uint8Array; standardFontDataUrl?: string; isEvalSupported?: boolean; verbosity?: number }): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
      destroy(): Promise<void>;
    }>;
  };
};

let loaded: Promise<PdfJs> | null = null;
// ESM only: a dynamic import that swc leaves alone (.swcrc: ignoreDynamic), run by jest's VM modules.
const pdfjs = () => (loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>);

/** The document as pdf.js opens it, with its standard fonts and no eval (the caller destroys it). */
async function openPdf(pdf: Buffer | Uint8Array) {
  const lib = await pdfjs();
  const standardFontDataUrl =
    path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
  return lib.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, isEvalSupported: false, verbosity: 0 })
    .promise;
}

export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const doc = await openPdf(pdf);
  const pages: string[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const items = (content.items as TextItem[]).filter((i) => typeof i.str === 'string' && i.str !== '');
      const lines: { y: number; parts: { x: number; end: number; str: string; size: number }[] }[] = [];
      for (const i of items) {
        const [a, , , d, x, y] = i.transform;
        const size = Math.abs(d) || Math.abs(a) || 10;
        let line = lines.find((l) => Math.abs(l.y - y) < size * 0.4);
        if (!line) lines.push((line = { y, parts: [] }));
        line.parts.push({ x, end: x + i.width, str: i.str, size });
      }
      lines.sort((p, q) => q.y - p.y);
      pages.push(
        lines
          .map((l) => {
            l.parts.sort((p, q) => p.x - q.x);
            let out = '';
            let end = -Infinity;
            for (const p of l.parts) {
              if (out && p.x - end > p.size * 0.15 && !out.endsWith(' ') && !p.str.startsWith(' ')) out += ' ';
              out += p.str;
              end = p.end;
            }
            return out.trimEnd();
          })
          .join('\n'),
      );
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n\f');
}

/** A piece of text as pdf.js places it: its page (1-based), left edge and baseline (from the bottom), in points. */
export type PdfTextItem = { page: number; str: string; x: number; y: number; width: number; size: number };

/** Every piece of text with its position: to check a layout (two columns, a header on every page). */
export async function pdfTextItems(pdf: Buffer | Uint8Array): Promise<{ pages: number; items: PdfTextItem[] }> {
  const doc = await openPdf(pdf);
  const items: PdfTextItem[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const i of content.items as TextItem[]) {
        if (typeof i.str !== 'string' || i.str.trim() === '') continue;
        const [a, , , d, x, y] = i.transform;
        items.push({ page: n, str: i.str, x, y, width: i.width, size: Math.abs(d) || Math.abs(a) || 10 });
      }
    }
    return { pages: doc.numPages, items };
  } finally {
    await doc.destroy();
  }
}

/**
 * The text of a page laid out in columns, read as a person reads it: what starts left of `split`
 * (the gutter's x) top to bottom, then what starts right of it. Full-width lines (a header, a
 * banner) start at the left margin and are read with the left column.
 */
export function columnText(items: PdfTextItem[], page: number, split: number): string {
  const read = (side: PdfTextItem[]) => {
    const lines: { y: number; parts: PdfTextItem[] }[] = [];
    for (const i of side) {
      let line = lines.find((l) => Math.abs(l.y - i.y) < i.size * 0.4);
      if (!line) lines.push((line = { y: i.y, parts: [] }));
      line.parts.push(i);
    }
    return lines
      .sort((p, q) => q.y - p.y)
      .map((l) => {
        // As pdfText: a space only where the pieces of a line are apart.
        let out = '';
        let end = -Infinity;
        for (const p of l.parts.sort((a, b) => a.x - b.x)) {
          if (out && p.x - end > p.size * 0.15 && !out.endsWith(' ') && !p.str.startsWith(' ')) out += ' ';
          out += p.str;
          end = p.x + p.width;
        }
        return out;
      })
      .join('\n');
  };
  const onPage = items.filter((i) => i.page === page);
  return `${read(onPage.filter((i) => i.x < split))}\n${read(onPage.filter((i) => i.x >= split))}`;
}
