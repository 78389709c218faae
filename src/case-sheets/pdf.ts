import type { Block } from '../diagnostics/text';
import { fmtApproxDateStart } from '../platform/approx-dates';
import { createPdf, date, fr, plain, type Pdf } from '../platform/pdf';
import { ColumnFlow, wrapText, type PageGeometry } from '../platform/pdf/columns';
import {
  effortSentence,
  stepDate,
  stepEnd,
  structureLines,
  timelineOf,
  when,
  type CaseSheet,
  type Timeline,
} from './content';

// The case sheet goes to funders and networks: always in French (platform/pdf's fr), whoever
// prints it. Laid out as the published « Retour d'un accompagnement DLA »: A4 in two columns, a
// running header and the page number on every page, four parts (identity, diagnostic,
// implementation, results and analysis) each starting a page, boxed asides, pull quotes,
// footnotes, the horizontal timeline of who acts when, and the sources and credits.
const t = fr;
const BLUE = '#1f5fa8';
const A4: PageGeometry = {
  width: 595.28,
  height: 841.89,
  top: 64,
  bottom: 800,
  left: 42,
  right: 42,
  columns: 2,
  gutter: 20,
};
export const CASE_SHEET_GEOMETRY = A4;

/** French typography for what was typed: the apostrophe is ’ (« création d’un »), never '. */
export const typo = (s: string) => s.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
const P = (s: string) => plain(typo(s));

/** « [1] » typed in a text is printed as a footnote mark: ¹ ² ³ (the fonts have no other superscript). */
const SUP = ['', '¹', '²', '³'];
export const footnoteMarks = (s: string) =>
  s.replace(/ ?\[(\d{1,2})\]/g, (_, n: string) => SUP[Number(n)] ?? ` (${n})`);

export async function renderCaseSheetPdf(c: CaseSheet): Promise<Buffer> {
  const { doc, done } = await createPdf({
    title: `${fr('caseSheets.title')} – ${c.acc.title}`,
    subject: fr('caseSheets.kicker'),
  });
  const f = c.fields;
  const flow = new ColumnFlow(doc, A4, (d, page) => runningHeader(d, c.acc.title, page), P);
  const m = footnoteMarks;

  const heading = (text: string) => {
    flow.space(4);
    flow.text(text, { font: 'Helvetica-Bold', size: 11, color: BLUE, gap: 3, keepWithNext: 24 });
  };
  const label = (text: string) => flow.text(text, { font: 'Helvetica-Bold', keepWithNext: 14, gap: 2 });
  const bullets = (items: string[]) =>
    items.length ? flow.bullets(items.map(m)) : flow.text(t('caseSheets.empty'), { font: 'Helvetica-Oblique' });
  const blocks = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'p') flow.text(m(b.text));
      else bullets(b.items);
    }
  };
  // A part's banner: across the page at the top of a new page, or in the column (a part that follows another).
  const part = (title: string, place: 'page' | 'band' | 'column') => {
    if (place === 'column') return flow.bar(title.toUpperCase());
    if (place === 'page') flow.newPage();
    flow.band(22, (x, y, width) => {
      doc.save().rect(x, y, width, 20).fill(BLUE).restore();
      doc
        .font('Helvetica-Bold')
        .fontSize(10.5)
        .fillColor('#ffffff')
        .text(P(title.toUpperCase()), x + 8, y + 6, { lineBreak: false });
      return 20;
    });
  };

  // Page 1: the banner, the identity box, the definition.
  flow.band(110, (x, y, width) => {
    doc.font('Helvetica-Bold').fontSize(20).fillColor(BLUE);
    doc.text(P(t('caseSheets.kicker')), x, y, { width, lineBreak: false });
    let yy = y + 28;
    doc.font('Helvetica-Bold').fontSize(15).fillColor('#000000');
    for (const line of wrapText(doc, P(c.acc.title), width)) {
      doc.text(line, x, yy, { lineBreak: false });
      yy += 18;
    }
    if (c.acc.sector) {
      doc.font('Helvetica-Bold').fontSize(9.5).fillColor(BLUE);
      doc.text(P(c.acc.sector.toUpperCase()), x, yy + 2, { lineBreak: false });
      yy += 14;
    }
    if (f.tag_line) {
      doc.font('Helvetica').fontSize(9).fillColor('#333333');
      doc.text(P(f.tag_line.toUpperCase()), x, yy + 2, { lineBreak: false });
      yy += 13;
    }
    if (c.acc.themes.length) {
      doc.font('Helvetica').fontSize(8).fillColor('#555555');
      for (const line of wrapText(doc, P(`${t('caseSheets.themes')} : ${c.acc.themes.join(' / ')}`), width)) {
        doc.text(line, x, yy + 2, { lineBreak: false });
        yy += 10;
      }
    }
    return yy - y + 4;
  });

  const identity: { text: string; style?: { font?: string }; bullet?: boolean }[] = [];
  if (f.summary) identity.push({ text: m(f.summary) });
  identity.push({ text: t('caseSheets.beneficiaries'), style: { font: 'Helvetica-Bold' } });
  for (const s of c.structures)
    identity.push({ text: [s.name, structureLines(s, 'fr', t).type].filter(Boolean).join(' – '), bullet: true });
  identity.push({ text: t('caseSheets.objectivesEffort'), style: { font: 'Helvetica-Bold' } });
  for (const b of c.objectives) {
    if (b.kind === 'p') identity.push({ text: m(b.text) });
    else for (const i of b.items) identity.push({ text: m(i), bullet: true });
  }
  identity.push({ text: effortSentence(c, 'fr', t), style: { font: 'Helvetica-Bold' } });
  identity.push({ text: t('caseSheets.operator', { name: c.acc.operator_name }) });
  if (c.provider) identity.push({ text: t('caseSheets.provider', { name: c.provider }) });
  flow.box(t('caseSheets.identity').toUpperCase(), identity);
  // The definition beside it, as published.
  if (f.definition_title || f.definition_text) flow.nextColumn();

  if (f.definition_title || f.definition_text) {
    const paras: { text: string; style?: { font?: string; size?: number; color?: string } }[] = [];
    if (f.definition_text)
      paras.push(
        ...f.definition_text
          .split(/\r?\n/)
          .filter(Boolean)
          .map((text) => ({ text: m(text) })),
      );
    if (f.definition_source)
      paras.push({ text: f.definition_source, style: { font: 'Helvetica-Oblique', size: 8, color: '#444444' } });
    flow.box((f.definition_title ?? t('caseSheets.definition')).toUpperCase(), paras, '#2e7d4f');
  }

  // Page 2: the diagnostic, with the footnotes at the foot of its page.
  part(t('caseSheets.part.diagnostic'), 'page');
  if (f.footnotes.length) footnotes(doc, flow, f.footnotes);
  heading(t('caseSheets.structures'));
  for (const s of c.structures) {
    const l = structureLines(s, 'fr', t);
    const name = s.left ? `${s.name} ${t('caseSheets.withdrawnMark', { date: when('fr', s.left) })}` : s.name;
    flow.text(name, { font: 'Helvetica-Bold', gap: 1, keepWithNext: 30 });
    for (const line of [l.type, l.activities, l.headcount]) if (line) flow.text(m(line), { gap: 1 });
    flow.space(5);
  }
  heading(t('caseSheets.context'));
  bullets(f.context);
  heading(t('caseSheets.priorLinks'));
  bullets(f.prior_links);
  heading(t('caseSheets.findings'));
  if (c.findings.length) blocks(c.findings);
  else bullets([]);
  if (f.network_role) flow.box(t('caseSheets.networkRole'), typed(f.network_role));

  // Page 3: the implementation, with the timeline of who acts when.
  part(t('caseSheets.process'), 'page');
  heading(t('caseSheets.objectives'));
  bullets(c.objectiveThemes.map((o) => `${o.theme} : ${o.aim}`));
  const phases = c.steps.filter((s) => s.actor === 'provider');
  if (phases.length) {
    heading(t('caseSheets.phases'));
    phases.forEach((p, i) => {
      const dates = [stepDate('fr', p), stepEnd('fr', p)].filter(Boolean).join(' – ');
      flow.text(`${i + 1}. ${p.label}${dates ? ` (${dates})` : ''}`, { gap: 2 });
    });
  }
  if (c.steps.length) timeline(doc, flow, timelineOf(c, 'fr', t));
  if (c.events.length) {
    heading(t('caseSheets.events'));
    flow.bullets(c.events.map((e) => `${fmtApproxDateStart('fr', e.on_date, e.on_date_precision)} : ${m(e.label)}`));
  }
  if (c.steering.length) {
    heading(t('caseSheets.steering'));
    flow.text(t('caseSheets.steeringCount', { count: c.steering.length }));
    flow.bullets(c.steering.map((s) => `${date(s.date)} : ${s.theme ?? s.title}`));
  }
  if (c.relay) {
    const r = c.relay;
    heading(t('caseSheets.relay'));
    flow.text(
      r.since
        ? t('caseSheets.relay.since', { name: r.name, date: when('fr', r.since) })
        : t('caseSheets.relay.handedOff', { name: r.name }),
    );
    if (r.management_committee) flow.text(m(`${t('caseSheets.relay.committee')} ${r.management_committee}`));
    if (r.workstreams.length) {
      label(t('caseSheets.relay.workstreams'));
      flow.bullets(r.workstreams);
    }
    const outcome = c.steps.find((s) => s.kind === 'outcome');
    if (outcome) flow.text(`${outcome.label} : ${stepDate('fr', outcome)}.`, { font: 'Helvetica-Bold' });
  }
  if (f.provider_role) {
    heading(t('caseSheets.providerRole'));
    for (const p of typed(f.provider_role)) {
      if (p.bullet) flow.bullets([p.text]);
      else flow.text(p.text);
    }
  }

  // Page 4: results, the withdrawals' boxes, the analysis with the quotes.
  part(t('caseSheets.results'), 'band');
  bullets(f.results);
  for (const w of c.withdrawals) {
    flow.box(t('caseSheets.withdrawal.title', { name: w.name }), [
      { text: t('caseSheets.withdrawal.on', { date: when('fr', w.left) }) },
      { text: t('caseSheets.withdrawal.reasons') },
      ...w.reasons.map((r) => ({ text: r, bullet: true })),
      ...(w.may_rejoin ? [{ text: t('caseSheets.withdrawal.mayRejoin', { text: w.may_rejoin }) }] : []),
      ...(w.rejoined_on ? [{ text: t('caseSheets.withdrawal.rejoined', { date: date(w.rejoined_on) }) }] : []),
    ]);
  }
  part(t('caseSheets.analysis'), 'column');
  if (f.contributions.length) {
    heading(t('caseSheets.contributions'));
    bullets(f.contributions);
  }
  // Only quotes with a recorded consent reach here (content.ts reads them so).
  for (const q of c.quotes) flow.pullQuote(`« ${q.text} »`, [q.person_name, q.person_role].filter(Boolean).join(', '));
  heading(t('caseSheets.successFactors'));
  bullets(f.success_factors);
  heading(t('caseSheets.risks'));
  bullets([...f.risks, ...f.advice]);

  // Sources and credits, across the page.
  const credits = [f.sources, t('caseSheets.generated', { date: date(c.generatedOn) })].filter(Boolean) as string[];
  doc.font('Helvetica').fontSize(8);
  const lines = credits.map((s) => wrapText(doc, P(m(s)), flow.fullWidth));
  const height = lines.reduce((h, l) => h + l.length * 10, 0) + 18;
  flow.band(height, (x, y, width) => {
    doc
      .save()
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(0.6)
      .strokeColor(BLUE)
      .stroke()
      .restore();
    doc
      .font('Helvetica-Bold')
      .fontSize(8)
      .fillColor(BLUE)
      .text(P(t('caseSheets.sources')), x, y + 4, { lineBreak: false });
    let yy = y + 15;
    doc.font('Helvetica').fontSize(8).fillColor('#333333');
    for (const l of lines.flat()) {
      doc.text(l, x, yy, { lineBreak: false });
      yy += 10;
    }
    return yy - y;
  });
  doc.end();
  return done;
}

/** What a user typed, as the boxes take it: one paragraph per line, « - item » lines as bullets. */
function typed(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) =>
      /^[-*•]\s+/.test(l)
        ? { text: footnoteMarks(l.replace(/^[-*•]\s+/, '')), bullet: true }
        : { text: footnoteMarks(l) },
    );
}

/** The running header (the kicker and the case's title) and the page number, on every page. */
function runningHeader(doc: Pdf, title: string, page: number) {
  const g = A4;
  doc.save();
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(BLUE);
  doc.text(P(t('caseSheets.kicker').toUpperCase()), g.left, 26, { lineBreak: false });
  doc.font('Helvetica').fontSize(7.5).fillColor('#444444');
  doc.text(P(title), g.left, 36, { lineBreak: false });
  doc
    .moveTo(g.left, 48)
    .lineTo(g.width - g.right, 48)
    .lineWidth(0.6)
    .strokeColor(BLUE)
    .stroke();
  const n = P(t('caseSheets.pageNumber', { n: page }));
  doc.font('Helvetica').fontSize(8).fillColor('#444444');
  doc.text(n, (g.width - doc.widthOfString(n)) / 2, g.height - 28, { lineBreak: false });
  doc.restore();
}

/** The footnotes at the foot of the current page, numbered; the columns stop above them. */
function footnotes(doc: Pdf, flow: ColumnFlow, notes: string[]) {
  doc.font('Helvetica').fontSize(7.5);
  const lines = notes.map((n, i) => wrapText(doc, P(`${SUP[i + 1] ?? `(${i + 1})`} ${n}`), flow.fullWidth));
  const height = lines.reduce((h, l) => h + l.length * 9.5, 0) + 10;
  flow.reserve(height + 6);
  let y = A4.bottom - height + 6;
  doc
    .save()
    .moveTo(A4.left, y - 4)
    .lineTo(A4.left + 120, y - 4)
    .lineWidth(0.5)
    .strokeColor('#888888')
    .stroke()
    .restore();
  doc.font('Helvetica').fontSize(7.5).fillColor('#333333');
  for (const l of lines.flat()) {
    doc.text(l, A4.left, y, { lineBreak: false });
    y += 9.5;
  }
}

const BAR = 27;
const FILL = { operator: '#e3ebf6', provider: '#dcebd9', relay: '#f6e9d2' } as const;

/**
 * The horizontal timeline across the page: the boxes in order, each with the date it starts
 * above it (and its end, when recorded), the outcome in the sheet's colour; below, the band of
 * each actor over its boxes, then « Accompagnement DLA » over the operator's and provider's boxes
 * and « Post-accompagnement DLA » over the relay's and the outcome.
 */
function timeline(doc: Pdf, flow: ColumnFlow, tl: Timeline) {
  const n = tl.boxes.length;
  const gap = 10;
  const width = flow.fullWidth;
  const w = (width - gap * (n - 1)) / n;
  doc.font('Helvetica-Bold').fontSize(7.5);
  const labels = tl.boxes.map((b) => wrapText(doc, P(b.label), w - 8));
  const boxH = Math.max(...labels.map((l) => l.length)) * 9 + 10;
  const bandsH = BAR * 2 + 10;
  const height = 36 + boxH + 6 + bandsH;
  flow.band(height, (x0, y0) => {
    doc.font('Helvetica-Bold').fontSize(9).fillColor(BLUE);
    doc.text(P(t('caseSheets.timeline')), x0, y0, { lineBreak: false });
    const top = y0 + 36;
    tl.boxes.forEach((b, i) => {
      const x = x0 + i * (w + gap);
      const dates = [b.date, b.end].filter(Boolean).join(' – ');
      if (dates) {
        doc.font('Helvetica-Bold').fontSize(7).fillColor('#333333');
        const dl = wrapText(doc, P(dates), w).slice(0, 2);
        dl.forEach((l, j) => doc.text(l, x, top - 4 - (dl.length - j) * 8, { lineBreak: false }));
      }
      const step = tl.bands.find((band) => i >= band.from && i <= band.to);
      const fill = b.outcome ? BLUE : step ? FILL[step.actor] : '#eeeeee';
      doc.save().roundedRect(x, top, w, boxH, 3).fill(fill).restore();
      doc
        .font('Helvetica-Bold')
        .fontSize(7.5)
        .fillColor(b.outcome ? '#ffffff' : '#1a1a1a');
      labels[i].forEach((l, j) => doc.text(l, x + 4, top + 5 + j * 9, { lineBreak: false }));
      if (i < n - 1) {
        const ax = x + w + 2;
        const ay = top + boxH / 2;
        doc
          .save()
          .moveTo(ax, ay - 4)
          .lineTo(ax + gap - 4, ay)
          .lineTo(ax, ay + 4)
          .fill('#888888')
          .restore();
      }
    });
    const bar = (from: number, to: number, y: number, text: string, colour: string, textColour: string) => {
      const x = x0 + from * (w + gap);
      const bw = (to - from + 1) * w + (to - from) * gap;
      doc.save().rect(x, y, bw, BAR).fill(colour).restore();
      doc.font('Helvetica-Bold').fontSize(6.5).fillColor(textColour);
      const lines = wrapText(doc, P(text), bw - 6).slice(0, 3);
      const ty = y + (BAR - lines.length * 8) / 2 + 1;
      lines.forEach((l, j) => doc.text(l, x + 3, ty + j * 8, { lineBreak: false }));
    };
    const y1 = top + boxH + 6;
    for (const band of tl.bands) bar(band.from, band.to, y1, band.label, FILL[band.actor], '#1a1a1a');
    // During the DLA (operator, provider), then after it (relay, outcome).
    const after = tl.boxes.findIndex(
      (b, i) => b.outcome || tl.bands.some((band) => band.actor === 'relay' && i >= band.from && i <= band.to),
    );
    const y2 = y1 + BAR + 4;
    if (after !== 0)
      bar(0, (after === -1 ? n : after) - 1, y2, t('caseSheets.timeline.during').toUpperCase(), '#555555', '#ffffff');
    if (after !== -1) bar(after, n - 1, y2, t('caseSheets.timeline.after').toUpperCase(), '#888888', '#ffffff');
    return y2 + BAR - y0;
  });
}
