import { textBlocks, type Block } from '../text';

/**
 * What every Word document of Jalons shares (case sheets, then progress reports and conventions):
 * the coordinators finish them in Word or LibreOffice. Each document keeps ONE content model (e.g.
 * src/case-sheets/content.ts) and has two renderers, its pdf.ts and its docx.ts, so both say the
 * same thing. This writer collects paragraphs in order (title, headings as Word's own heading
 * styles so the navigation pane works, paragraphs, bullet lists, typed text) and packs the .docx.
 * Text is French, as the PDFs are (platform/pdf's fr), and the document's language is fr-FR so the
 * spelling checker reads it as French.
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type RunStyle = { bold?: boolean; italics?: boolean; size?: number; color?: string };
/** `shade`: the paragraph's background colour (a part's banner). */
type ParaStyle = RunStyle & { align?: 'center' | 'right'; shade?: string };

export type DocxWriter = {
  kicker(text: string): void;
  title(text: string): void;
  heading(text: string): void;
  /** A bold line introducing what follows ("Bénéficiaires"). */
  label(text: string): void;
  para(text: string, style?: ParaStyle): void;
  /** Bullets; `empty` printed in italics when there is none. */
  bullets(items: string[], empty?: string): void;
  blocks(bs: Block[], empty?: string): void;
  /** What a user typed: lines as paragraphs, "- item" lines as bullets (platform/text). */
  typed(text: string | null | undefined, style?: RunStyle): void;
  /** A framed block (the withdrawal box of the case sheet). */
  box(title: string, lines: string[]): void;
  /** A table over the page's width: a bold header row repeated on each page, then rows; widths are fractions. */
  table(headers: string[], rows: string[][], widths: number[]): void;
  /** What follows starts a new section on the same page, in `columns` columns (1 by default). */
  section(opts?: { columns?: number }): void;
  pack(): Promise<Buffer>;
};

/**
 * Options of a document laid out as a published leaflet (the case sheet): `runningHeader` lines at
 * the top of every page, `pageNumber` ("Page {n}") at the foot of every page, Word's own field;
 * `prepare` applied to every text (the case sheet's typographic apostrophes).
 */
export type DocxLayout = { runningHeader?: string[]; pageNumber?: string; prepare?: (text: string) => string };

/** `draftMark` ("BROUILLON — non envoyé") is printed in red at the top of every page, as the draft PDF does. */
export async function createDocx(
  info: { title: string; subject?: string; draftMark?: string } & DocxLayout,
): Promise<DocxWriter> {
  // Loaded on the first document (like pdfkit and exceljs): the server's start and memory do not pay for it.
  const d = await import('docx');
  type Child = InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>;
  let children: Child[] = [];
  const sections: { columns: number; children: Child[] }[] = [{ columns: 1, children }];

  // Line breaks typed in a browser become Word line breaks inside the paragraph.
  const prepare = info.prepare ?? ((x: string) => x);
  const runs = (text: string, style: RunStyle = {}) =>
    prepare(text)
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line, i) => new d.TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));

  const alignments = { center: d.AlignmentType.CENTER, right: d.AlignmentType.RIGHT };
  const para = (text: string, style: ParaStyle = {}) => {
    const { align, shade, ...run } = style;
    children.push(
      new d.Paragraph({
        children: runs(text, run),
        spacing: { after: 80 },
        ...(align ? { alignment: alignments[align] } : {}),
        ...(shade ? { shading: { type: d.ShadingType.CLEAR, fill: shade, color: 'auto' } } : {}),
      }),
    );
  };
  const bullets = (items: string[], empty?: string) => {
    if (!items.length && empty) para(empty, { italics: true });
    for (const item of items) children.push(new d.Paragraph({ children: runs(item), bullet: { level: 0 } }));
  };
  const blocks = (bs: Block[], empty?: string) => {
    if (!bs.length && empty) para(empty, { italics: true });
    for (const b of bs) {
      if (b.kind === 'p') para(b.text);
      else bullets(b.items);
    }
  };
  const frame = { style: d.BorderStyle.SINGLE, size: 8, color: '1F5FA8', space: 6 };

  return {
    kicker: (text) => para(text.toUpperCase(), { bold: true, size: 18, color: '1F5FA8' }),
    title: (text) => children.push(new d.Paragraph({ children: runs(text), heading: d.HeadingLevel.TITLE })),
    heading: (text) => children.push(new d.Paragraph({ children: runs(text), heading: d.HeadingLevel.HEADING_1 })),
    label: (text) => para(text, { bold: true }),
    para,
    bullets,
    blocks,
    typed: (text, style = {}) => {
      for (const b of textBlocks(text)) {
        if (b.kind === 'p') para(b.text, style);
        else bullets(b.items);
      }
    },
    box: (title, lines) => {
      const border = { top: frame, bottom: frame, left: frame, right: frame };
      children.push(new d.Paragraph({ children: runs(title, { bold: true }), border }));
      for (const l of lines) children.push(new d.Paragraph({ children: runs(l), border }));
    },
    table: (headers, rows, widths) => {
      const row = (cells: string[], header: boolean) =>
        new d.TableRow({
          tableHeader: header,
          cantSplit: true,
          children: cells.map(
            (c, i) =>
              new d.TableCell({
                width: { size: Math.round((widths[i] ?? 0) * 100), type: d.WidthType.PERCENTAGE },
                children: [new d.Paragraph({ children: runs(c, { bold: header, size: 18 }) })],
              }),
          ),
        });
      children.push(
        new d.Table({
          width: { size: 100, type: d.WidthType.PERCENTAGE },
          rows: [row(headers, true), ...rows.map((r) => row(r, false))],
        }),
      );
      children.push(new d.Paragraph({ children: [] }));
    },
    section: (opts = {}) => {
      children = [];
      sections.push({ columns: opts.columns ?? 1, children });
    },
    pack: () => {
      const headerLines = [
        ...(info.draftMark
          ? [new d.Paragraph({ children: runs(info.draftMark, { bold: true, size: 20, color: 'B91C1C' }) })]
          : []),
        ...(info.runningHeader ?? []).map(
          (line, i) =>
            new d.Paragraph({
              children: runs(line, { bold: i === 0, size: 16, color: i === 0 ? '1F5FA8' : '444444' }),
            }),
        ),
      ];
      const [before, after] = (info.pageNumber ?? '').split('{n}');
      const decoration = {
        ...(headerLines.length ? { headers: { default: new d.Header({ children: headerLines }) } } : {}),
        ...(info.pageNumber
          ? {
              footers: {
                default: new d.Footer({
                  children: [
                    new d.Paragraph({
                      alignment: d.AlignmentType.CENTER,
                      children: [
                        new d.TextRun({ text: before, size: 16 }),
                        new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }),
                        new d.TextRun({ text: after ?? '', size: 16 }),
                      ],
                    }),
                  ],
                }),
              },
            }
          : {}),
      };
      return d.Packer.toBuffer(
        new d.Document({
          title: info.title,
          ...(info.subject ? { subject: info.subject } : {}),
          creator: 'Jalons',
          styles: { default: { document: { run: { font: 'Calibri', size: 21, language: { value: 'fr-FR' } } } } },
          sections: sections
            .filter((sec, i) => i === 0 || sec.children.length)
            .map((sec, i) => ({
              properties: {
                ...(i > 0 ? { type: d.SectionType.CONTINUOUS } : {}),
                ...(sec.columns > 1 ? { column: { count: sec.columns, space: 567, equalWidth: true } } : {}),
              },
              ...decoration,
              children: sec.children,
            })),
        }),
      );
    },
  };
}
