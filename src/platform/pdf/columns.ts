import type { Pdf } from './index';
import { plain } from './index';

/**
 * A page of columns, as published leaflets are laid out (the case sheet: two columns, a running
 * header and a page number on every page). Text is wrapped here, line by line, so that it flows
 * from the bottom of one column to the top of the next and then to a new page; full-width parts
 * (a part's banner, a timeline) go below the lowest column and the columns start again under them.
 * Everything is drawn at explicit positions (lineBreak false): pdfkit never adds a page by itself.
 */
export type PageGeometry = {
  width: number;
  height: number;
  /** Where the columns start (below the running header) and end (above the footer). */
  top: number;
  bottom: number;
  left: number;
  right: number;
  columns: number;
  gutter: number;
};

/** The columns' left edges and width: the pure model the renderer and its tests share. */
export function columnRects(g: PageGeometry): { x: number; width: number }[] {
  const inner = g.width - g.left - g.right;
  const width = (inner - g.gutter * (g.columns - 1)) / g.columns;
  return Array.from({ length: g.columns }, (_, i) => ({ x: g.left + i * (width + g.gutter), width }));
}

export type TextStyle = { font?: string; size?: number; color?: string; gap?: number; lineGap?: number };

const BODY: Required<TextStyle> = { font: 'Helvetica', size: 9.5, color: '#1a1a1a', gap: 4, lineGap: 1.5 };

/**
 * Greedy word wrap with the document's current font: each paragraph (split on "\n") into lines no
 * wider than `width`. A no-break space keeps its words together; a word wider than the line is
 * left whole.
 */
export function wrapText(doc: Pdf, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/ +/).filter((w) => w !== '');
    let line = '';
    for (const w of words) {
      const candidate = line ? `${line} ${w}` : w;
      if (line && doc.widthOfString(candidate) > width) {
        out.push(line);
        line = w;
      } else line = candidate;
    }
    out.push(line);
  }
  return out;
}

export class ColumnFlow {
  readonly rects: { x: number; width: number }[];
  col = 0;
  y: number;
  page = 1;
  /** Where the columns of the current band start on this page. */
  private bandTop: number;
  /** The lowest point any column reached on this page. */
  private low: number;
  /** Room kept at the foot of given pages (footnotes), by page number. */
  private reserved = new Map<number, number>();

  constructor(
    readonly doc: Pdf,
    readonly g: PageGeometry,
    /** Draws the running header, the page number and whatever repeats, on each page. */
    private readonly decorate: (doc: Pdf, page: number) => void,
    /** How text is made printable (platform/pdf's plain, by default). */
    private readonly prepare: (s: string) => string = plain,
  ) {
    this.rects = columnRects(g);
    this.y = this.bandTop = this.low = g.top;
    decorate(doc, 1);
  }

  get x() {
    return this.rects[this.col].x;
  }
  get width() {
    return this.rects[this.col].width;
  }
  get bottom() {
    return this.g.bottom - (this.reserved.get(this.page) ?? 0);
  }
  get fullWidth() {
    return this.g.width - this.g.left - this.g.right;
  }

  /** Keeps `height` at the foot of the current page (footnotes): the columns stop above it. */
  reserve(height: number) {
    this.reserved.set(this.page, height);
  }

  newPage() {
    this.doc.addPage();
    this.page += 1;
    this.decorate(this.doc, this.page);
    this.col = 0;
    this.y = this.bandTop = this.low = this.g.top;
  }

  /** The next column, or the first of a new page. */
  nextColumn() {
    this.low = Math.max(this.low, this.y);
    if (this.col < this.rects.length - 1) {
      this.col += 1;
      this.y = this.bandTop;
    } else this.newPage();
  }

  /** Moves on when fewer than `height` points remain in the column. */
  ensure(height: number) {
    if (this.y + height > this.bottom && this.y > this.bandTop) this.nextColumn();
  }

  space(points: number) {
    this.y += points;
  }

  private set(style: TextStyle) {
    const s = { ...BODY, ...style };
    this.doc.font(s.font).fontSize(s.size).fillColor(s.color);
    return s;
  }

  /** A paragraph wrapped in the column (`indent` from its left edge), flowing on as needed. */
  text(text: string, style: TextStyle & { indent?: number; keepWithNext?: number; align?: 'right' } = {}) {
    const s = this.set(style);
    const indent = style.indent ?? 0;
    const lines = wrapText(this.doc, this.prepare(text), this.width - indent);
    const lh = s.size + s.lineGap + 1;
    this.ensure(Math.min(lines.length, 2) * lh + (style.keepWithNext ?? 0));
    for (const line of lines) {
      this.ensure(lh);
      this.set(style);
      const w = this.width - indent;
      const dx = style.align === 'right' ? Math.max(0, w - this.doc.widthOfString(line)) : 0;
      this.doc.text(line, this.x + indent + dx, this.y, { lineBreak: false });
      this.y += lh;
    }
    this.y += s.gap;
    this.low = Math.max(this.low, this.y);
  }

  /** A list with a hanging indent: « • » then the item's lines aligned after it. */
  bullets(items: string[], style: TextStyle & { mark?: string } = {}) {
    for (const item of items) {
      const s = this.set(style);
      this.ensure(s.size * 2);
      this.doc.text(style.mark ?? '•', this.x + 2, this.y, { lineBreak: false });
      this.text(item, { ...style, indent: 11, gap: 2 });
    }
    this.y += 2;
  }

  /** Lines measured at the column's width minus `inset`: to size a box before drawing it. */
  measure(text: string, style: TextStyle, inset: number) {
    const s = this.set(style);
    const lines = wrapText(this.doc, this.prepare(text), this.width - inset);
    return { lines, height: lines.length * (s.size + s.lineGap + 1) };
  }

  /**
   * A framed block kept whole in one column (a definition, a structure's withdrawal): a title and
   * paragraphs, on a tinted background. Taller than a column, it is drawn across columns unframed.
   */
  box(title: string, paragraphs: { text: string; style?: TextStyle; bullet?: boolean }[], colour = '#1f5fa8') {
    const pad = 7;
    const titleStyle: TextStyle = { font: 'Helvetica-Bold', size: 9.5, color: colour };
    const parts = [
      { ...this.measure(title, titleStyle, 2 * pad), style: titleStyle, bullet: false },
      ...paragraphs.map((p) => ({
        ...this.measure(p.text, { ...BODY, ...p.style }, 2 * pad + (p.bullet ? 11 : 0)),
        style: { ...BODY, ...p.style },
        bullet: Boolean(p.bullet),
      })),
    ];
    const height = parts.reduce((h, p) => h + p.height + 3, 0) + 2 * pad;
    this.ensure(height + 6);
    if (this.y + height > this.bottom) {
      this.text(title, titleStyle);
      for (const p of paragraphs) this.text(p.text, p.style);
      return;
    }
    const top = this.y;
    this.doc.save().rect(this.x, top, this.width, height).fillOpacity(0.07).fill(colour).restore();
    this.doc.save().rect(this.x, top, this.width, height).lineWidth(0.8).strokeColor(colour).stroke().restore();
    let y = top + pad;
    for (const p of parts) {
      const s = this.set(p.style);
      const lh = s.size + s.lineGap + 1;
      const x = this.x + pad + (p.bullet ? 11 : 0);
      if (p.bullet) this.doc.text('•', this.x + pad + 2, y, { lineBreak: false });
      for (const line of p.lines) {
        this.doc.text(line, x, y, { lineBreak: false });
        y += lh;
      }
      y += 3;
    }
    this.y = top + height + 8;
    this.low = Math.max(this.low, this.y);
  }

  /** A pull quote: large italic text after a coloured bar, its author below, kept whole. */
  pullQuote(text: string, author: string, colour = '#1f5fa8') {
    const quoteStyle: TextStyle = { font: 'Helvetica-Oblique', size: 10.5, color: colour, lineGap: 2 };
    const byStyle: TextStyle = { font: 'Helvetica-Bold', size: 8.5, color: '#333333' };
    const q = this.measure(text, quoteStyle, 12);
    const a = this.measure(author, byStyle, 12);
    const height = q.height + a.height + 6;
    this.ensure(Math.min(height, this.bottom - this.g.top) + 8);
    const top = this.y;
    const [startCol, startPage] = [this.col, this.page];
    this.text(text, { ...quoteStyle, indent: 12, gap: 2 });
    this.text(author, { ...byStyle, indent: 12, gap: 8 });
    // The bar along the quote, when it stayed in one column.
    if (this.col === startCol && this.page === startPage)
      this.doc
        .save()
        .rect(this.x, top, 3, this.y - top - 8)
        .fill(colour)
        .restore();
  }

  /** A coloured bar across the column with a title in white: a part that need not start a page. */
  bar(title: string, colour = '#1f5fa8') {
    this.set({ font: 'Helvetica-Bold', size: 10 });
    const lines = wrapText(this.doc, this.prepare(title), this.width - 16);
    const height = lines.length * 12 + 8;
    this.ensure(height + 40);
    this.doc.save().rect(this.x, this.y, this.width, height).fill(colour).restore();
    this.set({ font: 'Helvetica-Bold', size: 10, color: '#ffffff' });
    lines.forEach((l, i) => this.doc.text(l, this.x + 8, this.y + 5 + i * 12, { lineBreak: false }));
    this.y += height + 8;
    this.low = Math.max(this.low, this.y);
  }

  /**
   * A full-width part under the lowest column (a banner, a timeline): `draw` gets its place and
   * returns its height; the columns start again below it. A new page when `height` does not fit.
   */
  band(height: number, draw: (x: number, y: number, width: number) => number) {
    let top = this.col === 0 ? Math.max(this.y, this.bandTop) : Math.max(this.low, this.y);
    if (top > this.g.top) top += 6;
    if (top + height > this.bottom) {
      this.newPage();
      top = this.g.top;
    }
    const used = draw(this.g.left, top, this.fullWidth);
    this.col = 0;
    this.y = this.bandTop = this.low = top + used + 8;
  }
}
