import type { Block } from '../diagnostics/text';
import { fmtApproxDateStart } from '../platform/approx-dates';
import { createPdf, date, fr } from '../platform/pdf';
import { ColumnFlow, wrapText } from '../platform/pdf/columns';
import { effortSentence, stepDate, stepEnd, structureLines, timelineOf, when, type CaseSheet } from './content';
import { A4, BLUE, footnotes, P, runningHeader } from './pdf-page';
import { timeline } from './pdf-timeline';
import { footnoteMarks } from './typography';

// The case sheet goes to funders and networks: always in French (platform/pdf's fr), whoever
// prints it. Laid out as the published « Retour d'un accompagnement DLA »: A4 in two columns, a
// running header and the page number on every page, four parts (identity, diagnostic,
// implementation, results and analysis) each starting a page, boxed asides, pull quotes,
// footnotes, the horizontal timeline of who acts when, and the sources and credits. The page itself
// (geometry, running header, footnotes) is pdf-page.ts; the timeline is drawn by pdf-timeline.ts.
const t = fr;

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
