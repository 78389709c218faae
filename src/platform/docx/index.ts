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

export type DocxWriter = {
  kicker(text: string): void;
  title(text: string): void;
  heading(text: string): void;
  /** A bold line introducing what follows ("Bénéficiaires"). */
  label(text: string): void;
  para(text: string, style?: RunStyle & { alignRight?: boolean }): void;
  /** Bullets; `empty` printed in italics when there is none. */
  bullets(items: string[], empty?: string): void;
  blocks(bs: Block[], empty?: string): void;
  /** What a user typed: lines as paragraphs, "- item" lines as bullets (platform/text). */
  typed(text: string | null | undefined, style?: RunStyle): void;
  /** A framed block (the withdrawal box of the case sheet). */
  box(title: string, lines: string[]): void;
  pack(): Promise<Buffer>;
};

export async function createDocx(info: { title: string; subject?: string }): Promise<DocxWriter> {
  // Loaded on the first document (like pdfkit and exceljs): the server's start and memory do not pay for it.
  const d = await import('docx');
  const children: InstanceType<typeof d.Paragraph>[] = [];

  // Line breaks typed in a browser become Word line breaks inside the paragraph.
  const runs = (text: string, style: RunStyle = {}) =>
    text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line, i) => new d.TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));

  const para = (text: string, style: RunStyle & { alignRight?: boolean } = {}) => {
    const { alignRight, ...run } = style;
    children.push(
      new d.Paragraph({
        children: runs(text, run),
        spacing: { after: 80 },
        ...(alignRight ? { alignment: d.AlignmentType.RIGHT } : {}),
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
    pack: () =>
      d.Packer.toBuffer(
        new d.Document({
          title: info.title,
          ...(info.subject ? { subject: info.subject } : {}),
          creator: 'Jalons',
          styles: { default: { document: { run: { font: 'Calibri', size: 21, language: { value: 'fr-FR' } } } } },
          sections: [{ children }],
        }),
      ),
  };
}
