import { fmtApproxDateStart } from '../platform/approx-dates';
import { createDocx } from '../platform/docx';
import { date, fr } from '../platform/pdf';
import { effortSentence, stepDate, stepEnd, structureLines, timelineOf, when, type CaseSheet } from './content';
import { footnoteMarks, typo } from './typography';

// The Word twin of pdf.ts: the same content model (content.ts), the same parts in the same order,
// in French, for the coordinator to finish in Word or LibreOffice. As far as Word allows the same
// layout: a running header and the page number on every page (Word's own fields), the banner
// across the page, then two columns; the timeline is a table across the page, one column per box
// with its dates, its label and who acts; the footnotes close the document.
const t = fr;

export async function renderCaseSheetDocx(c: CaseSheet): Promise<Buffer> {
  const w = await createDocx({
    title: `${t('caseSheets.title')} – ${c.acc.title}`,
    subject: t('caseSheets.kicker'),
    runningHeader: [t('caseSheets.kicker').toUpperCase(), c.acc.title],
    pageNumber: t('caseSheets.pageNumber', { n: '{n}' }),
    prepare: typo,
  });
  const f = c.fields;
  const m = footnoteMarks;
  const empty = t('caseSheets.empty');
  const part = (title: string) =>
    w.para(title.toUpperCase(), { bold: true, color: 'FFFFFF', size: 22, shade: '1F5FA8' });

  w.kicker(t('caseSheets.kicker'));
  w.title(c.acc.title);
  if (c.acc.sector) w.para(c.acc.sector.toUpperCase(), { bold: true, color: '1F5FA8' });
  if (f.tag_line) w.para(f.tag_line.toUpperCase(), { size: 18 });
  if (c.acc.themes.length) w.para(`${t('caseSheets.themes')} : ${c.acc.themes.join(' / ')}`, { size: 16 });

  w.section({ columns: 2 });
  w.box(t('caseSheets.identity').toUpperCase(), [
    ...(f.summary ? [m(f.summary)] : []),
    t('caseSheets.beneficiaries'),
    ...c.structures.map((s) => `•  ${[s.name, structureLines(s, 'fr', t).type].filter(Boolean).join(' – ')}`),
    t('caseSheets.objectivesEffort'),
    ...c.objectives.flatMap((b) => (b.kind === 'p' ? [m(b.text)] : b.items.map((i) => `•  ${m(i)}`))),
    effortSentence(c, 'fr', t),
    t('caseSheets.operator', { name: c.acc.operator_name }),
    ...(c.provider ? [t('caseSheets.provider', { name: c.provider })] : []),
  ]);
  if (f.definition_title || f.definition_text)
    w.box((f.definition_title ?? t('caseSheets.definition')).toUpperCase(), [
      ...(f.definition_text ?? '').split(/\r?\n/).filter(Boolean).map(m),
      ...(f.definition_source ? [f.definition_source] : []),
    ]);

  part(t('caseSheets.part.diagnostic'));
  w.heading(t('caseSheets.structures'));
  for (const s of c.structures) {
    const l = structureLines(s, 'fr', t);
    w.label(s.left ? `${s.name} ${t('caseSheets.withdrawnMark', { date: when('fr', s.left) })}` : s.name);
    for (const line of [l.type, l.activities, l.headcount]) if (line) w.para(m(line));
  }
  w.heading(t('caseSheets.context'));
  w.bullets(f.context.map(m), empty);
  w.heading(t('caseSheets.priorLinks'));
  w.bullets(f.prior_links.map(m), empty);
  w.heading(t('caseSheets.findings'));
  w.blocks(c.findings, empty);
  if (f.network_role) w.box(t('caseSheets.networkRole'), f.network_role.split(/\r?\n/).filter(Boolean).map(m));

  part(t('caseSheets.process'));
  w.heading(t('caseSheets.objectives'));
  w.bullets(
    c.objectiveThemes.map((o) => `${o.theme} : ${o.aim}`),
    empty,
  );
  const phases = c.steps.filter((s) => s.actor === 'provider');
  if (phases.length) {
    w.heading(t('caseSheets.phases'));
    phases.forEach((p, i) => {
      const dates = [stepDate('fr', p), stepEnd('fr', p)].filter(Boolean).join(' – ');
      w.para(`${i + 1}. ${p.label}${dates ? ` (${dates})` : ''}`);
    });
  }
  if (c.steps.length) {
    const tl = timelineOf(c, 'fr', t);
    w.section();
    w.label(t('caseSheets.timeline'));
    const actorOf = (i: number) => tl.bands.find((b) => i >= b.from && i <= b.to)?.label ?? '';
    // During the DLA (operator, provider), then after it (relay, outcome), as in the PDF.
    const after = tl.boxes.findIndex((b, i) => b.outcome || c.steps[i].actor === 'relay');
    const phaseOf = (i: number) =>
      t(after !== -1 && i >= after ? 'caseSheets.timeline.after' : 'caseSheets.timeline.during').toUpperCase();
    w.table(
      tl.boxes.map((b) => [b.date, b.end].filter(Boolean).join(' – ') || ' '),
      [tl.boxes.map((b) => b.label), tl.boxes.map((_, i) => actorOf(i) || ' '), tl.boxes.map((_, i) => phaseOf(i))],
      tl.boxes.map(() => 1 / tl.boxes.length),
    );
    w.section({ columns: 2 });
  }
  if (c.events.length) {
    w.heading(t('caseSheets.events'));
    w.bullets(c.events.map((e) => `${fmtApproxDateStart('fr', e.on_date, e.on_date_precision)} : ${m(e.label)}`));
  }
  if (c.steering.length) {
    w.heading(t('caseSheets.steering'));
    w.para(t('caseSheets.steeringCount', { count: c.steering.length }));
    w.bullets(c.steering.map((s) => `${date(s.date)} : ${s.theme ?? s.title}`));
  }
  if (c.relay) {
    const r = c.relay;
    w.heading(t('caseSheets.relay'));
    w.para(
      r.since
        ? t('caseSheets.relay.since', { name: r.name, date: when('fr', r.since) })
        : t('caseSheets.relay.handedOff', { name: r.name }),
    );
    if (r.management_committee) w.typed(m(`${t('caseSheets.relay.committee')} ${r.management_committee}`));
    if (r.workstreams.length) {
      w.label(t('caseSheets.relay.workstreams'));
      w.bullets(r.workstreams);
    }
    const outcome = c.steps.find((s) => s.kind === 'outcome');
    if (outcome) w.para(`${outcome.label} : ${stepDate('fr', outcome)}.`, { bold: true });
  }
  if (f.provider_role) {
    w.heading(t('caseSheets.providerRole'));
    w.typed(m(f.provider_role));
  }

  part(t('caseSheets.results'));
  w.bullets(f.results.map(m), empty);
  for (const wd of c.withdrawals) {
    w.box(t('caseSheets.withdrawal.title', { name: wd.name }), [
      t('caseSheets.withdrawal.on', { date: when('fr', wd.left) }),
      t('caseSheets.withdrawal.reasons'),
      ...wd.reasons.map((r) => `•  ${r}`),
      ...(wd.may_rejoin ? [t('caseSheets.withdrawal.mayRejoin', { text: wd.may_rejoin })] : []),
      ...(wd.rejoined_on ? [t('caseSheets.withdrawal.rejoined', { date: date(wd.rejoined_on) })] : []),
    ]);
  }
  part(t('caseSheets.analysis'));
  if (f.contributions.length) {
    w.heading(t('caseSheets.contributions'));
    w.bullets(f.contributions.map(m));
  }
  // Only quotes with a recorded consent reach here (content.ts reads them so).
  for (const q of c.quotes) {
    w.typed(`« ${q.text} »`, { italics: true, color: '1F5FA8' });
    w.para([q.person_name, q.person_role].filter(Boolean).join(', '), { size: 17, bold: true });
  }
  w.heading(t('caseSheets.successFactors'));
  w.bullets(f.success_factors.map(m), empty);
  w.heading(t('caseSheets.risks'));
  w.bullets([...f.risks, ...f.advice].map(m), empty);

  w.section();
  if (f.footnotes.length) {
    w.label(t('caseSheets.footnotes'));
    f.footnotes.forEach((n, i) => w.para(`${m(`[${i + 1}]`).trim()} ${n}`, { size: 16 }));
  }
  w.label(t('caseSheets.sources'));
  if (f.sources) w.typed(m(f.sources), { size: 16 });
  w.para(t('caseSheets.generated', { date: date(c.generatedOn) }), { size: 16, color: '555555' });
  return w.pack();
}
