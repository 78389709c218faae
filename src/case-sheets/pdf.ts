import type { Block } from '../diagnostics/text';
import {
  bulletList,
  createPdf,
  date,
  ensureRoom,
  fr,
  heading as pdfHeading,
  plain,
  typedText,
  type Pdf,
} from '../platform/pdf';
import { effortSentence, structureLines, type CaseSheet } from './content';
import { drawPhaseChart } from './pdf-chart';

// The case sheet goes to funders and networks: always in French (platform/pdf's fr), whoever
// prints it. The order follows the published DLA "fiches retour".
const t = fr;

export async function renderCaseSheetPdf(c: CaseSheet): Promise<Buffer> {
  const { doc, done } = await createPdf({
    title: `${fr('caseSheets.title')} – ${c.acc.title}`,
    subject: fr('caseSheets.kicker'),
  });
  const heading = (text: string) => {
    ensureRoom(doc, 80);
    pdfHeading(doc, plain(text));
  };
  const para = (text: string) => doc.text(plain(text));
  // Bullet lists with a hanging indent, as in the published sheets.
  const bullets = (items: string[]) => {
    if (!items.length) return doc.font('Helvetica-Oblique').text(t('caseSheets.empty')).font('Helvetica');
    bulletList(doc, items);
  };
  const blocks = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'p') para(b.text);
      else bullets(b.items);
    }
  };

  // Title and banner.
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#1f5fa8').text(t('caseSheets.kicker').toUpperCase());
  doc.moveDown(0.3).fontSize(18).fillColor('#000000').text(plain(c.acc.title));
  if (c.acc.sector) doc.moveDown(0.3).fontSize(10).fillColor('#1f5fa8').text(plain(c.acc.sector.toUpperCase()));
  if (c.acc.themes.length)
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#333333')
      .text(plain(`${t('caseSheets.themes')} : ${c.acc.themes.join(' / ')}`));
  doc.fillColor('#000000').font('Helvetica').fontSize(10.5);

  heading(t('caseSheets.identity'));
  doc.font('Helvetica-Bold').text(t('caseSheets.beneficiaries')).font('Helvetica');
  bullets(c.structures.map((s) => [s.name, structureLines(s, 'fr', t).type].filter(Boolean).join(' – ')));
  doc.moveDown(0.4).font('Helvetica-Bold').text(t('caseSheets.objectivesEffort')).font('Helvetica');
  blocks(c.objectives);
  doc.moveDown(0.3).font('Helvetica-Bold');
  para(effortSentence(c, 'fr', t));
  doc.font('Helvetica').moveDown(0.4);
  para(t('caseSheets.operator', { name: c.acc.operator_name }));
  if (c.provider) para(t('caseSheets.provider', { name: c.provider }));

  heading(t('caseSheets.structures'));
  for (const s of c.structures) {
    const l = structureLines(s, 'fr', t);
    ensureRoom(doc, 60);
    doc
      .font('Helvetica-Bold')
      .text(
        plain(
          s.status === 'withdrawn'
            ? `${s.name} ${t('caseSheets.withdrawnMark', { date: date(s.withdrawn_on) })}`
            : s.name,
        ),
      )
      .font('Helvetica');
    for (const line of [l.type, l.activities, l.headcount]) if (line) para(line);
    doc.moveDown(0.3);
  }

  heading(t('caseSheets.context'));
  bullets(c.fields.context);
  heading(t('caseSheets.priorLinks'));
  bullets(c.fields.prior_links);
  heading(t('caseSheets.findings'));
  if (c.findings.length) blocks(c.findings);
  else bullets([]);
  heading(t('caseSheets.objectives'));
  bullets(c.objectiveThemes.map((o) => `${o.theme} : ${o.aim}`));

  heading(t('caseSheets.process'));
  if (c.chart) drawPhaseChart(doc, c.chart);
  // What happened when known, else what was planned, marked as such.
  const when = (actual: string | null, planned: string | null) =>
    actual ? date(actual) : planned ? `${date(planned)} ${t('caseSheets.plannedMark')}` : '—';
  for (const p of c.phases) {
    para(
      `${p.position}. ${p.name} : ${t('caseSheets.phaseDates', { start: when(p.actual_start, p.planned_start), end: when(p.actual_end, p.planned_end) })}`,
    );
  }
  doc.moveDown(0.4).font('Helvetica-Bold').text(t('caseSheets.events')).font('Helvetica');
  for (const e of c.events) para(`${date(e.date)} : ${e.text(t)}`);
  if (c.steering.length) {
    doc.moveDown(0.4).font('Helvetica-Bold').text(t('caseSheets.steering')).font('Helvetica');
    para(t('caseSheets.steeringCount', { count: c.steering.length }));
    bullets(c.steering.map((s) => `${date(s.date)} : ${s.theme ?? s.title}`));
  }

  heading(t('caseSheets.results'));
  bullets(c.fields.results);
  for (const w of c.withdrawals) withdrawalBox(doc, w);

  heading(t('caseSheets.successFactors'));
  bullets(c.fields.success_factors);
  heading(t('caseSheets.risks'));
  bullets([...c.fields.risks, ...c.fields.advice]);
  for (const [title, text] of [
    [t('caseSheets.providerRole'), c.fields.provider_role],
    [t('caseSheets.networkRole'), c.fields.network_role],
  ] as const) {
    if (!text) continue;
    heading(title);
    typedText(doc, text);
  }

  if (c.quotes.length) {
    heading(t('caseSheets.quotes'));
    for (const q of c.quotes) {
      ensureRoom(doc, 60);
      doc.font('Helvetica-Oblique');
      typedText(doc, `« ${q.text} »`).font('Helvetica');
      doc
        .fontSize(9)
        .text(plain([q.person_name, q.person_role].filter(Boolean).join(', ')), { align: 'right' })
        .fontSize(10.5)
        .moveDown(0.5);
    }
  }

  if (c.relay) {
    const r = c.relay;
    heading(t('caseSheets.relay'));
    para(t('caseSheets.relay.handedOff', { name: r.name, date: date(r.handed_off_on) }));
    if (r.management_committee) typedText(doc, `${t('caseSheets.relay.committee')} ${r.management_committee}`);
    if (r.workstreams.length) {
      para(t('caseSheets.relay.workstreams'));
      bullets(r.workstreams);
    }
    if (r.keyDates.length) {
      para(t('caseSheets.relay.keyDates'));
      bullets(
        r.keyDates.map(
          (k) => `${date(k.on_date)}${k.approximate ? ` ${t('caseSheets.approximate')}` : ''} : ${k.label}`,
        ),
      );
    }
  }

  doc
    .moveDown(1)
    .fontSize(8)
    .fillColor('#555555')
    .text(t('caseSheets.generated', { date: date(c.generatedOn) }));
  doc.end();
  return done;
}

/** The withdrawal box of the published sheets: a framed paragraph next to the results. */
function withdrawalBox(doc: Pdf, w: CaseSheet['withdrawals'][number]) {
  const lines = [
    t('caseSheets.withdrawal.on', { date: date(w.on_date) }),
    t('caseSheets.withdrawal.reasons'),
    ...w.reasons.map((r) => `•  ${r}`),
    ...(w.may_rejoin ? [t('caseSheets.withdrawal.mayRejoin', { text: w.may_rejoin })] : []),
    ...(w.rejoined_on ? [t('caseSheets.withdrawal.rejoined', { date: date(w.rejoined_on) })] : []),
  ].map(plain);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const pad = 8;
  doc.font('Helvetica').fontSize(10.5);
  const body = lines.reduce((h, l) => h + doc.heightOfString(l, { width: width - 2 * pad }), 0) + 20;
  doc.moveDown(0.6);
  ensureRoom(doc, body + 2 * pad);
  const top = doc.y;
  doc.x = left + pad;
  doc.y = top + pad;
  doc
    .font('Helvetica-Bold')
    .text(plain(t('caseSheets.withdrawal.title', { name: w.name })), { width: width - 2 * pad })
    .font('Helvetica');
  for (const l of lines) doc.text(l, { width: width - 2 * pad });
  const bottom = doc.y + pad;
  doc
    .rect(left, top, width, bottom - top)
    .lineWidth(1)
    .strokeColor('#1f5fa8')
    .stroke();
  doc.x = left;
  doc.y = bottom;
  doc.moveDown(0.4);
}
