import { createDocx } from '../platform/docx';
import { date, fr } from '../platform/pdf';
import { effortSentence, structureLines, type CaseSheet } from './content';

// The Word twin of pdf.ts: the same content model (content.ts), in the same order, in French, for
// the coordinator to finish in Word or LibreOffice. The phase chart stays a PDF picture; the
// phases' dates are written out here as in the PDF.
const t = fr;

export async function renderCaseSheetDocx(c: CaseSheet): Promise<Buffer> {
  const w = await createDocx({ title: `${t('caseSheets.title')} – ${c.acc.title}`, subject: t('caseSheets.kicker') });
  const empty = t('caseSheets.empty');

  w.kicker(t('caseSheets.kicker'));
  w.title(c.acc.title);
  if (c.acc.sector) w.para(c.acc.sector.toUpperCase(), { bold: true, color: '1F5FA8' });
  if (c.acc.themes.length) w.para(`${t('caseSheets.themes')} : ${c.acc.themes.join(' / ')}`, { size: 18 });

  w.heading(t('caseSheets.identity'));
  w.label(t('caseSheets.beneficiaries'));
  w.bullets(
    c.structures.map((s) => [s.name, structureLines(s, 'fr', t).type].filter(Boolean).join(' – ')),
    empty,
  );
  w.label(t('caseSheets.objectivesEffort'));
  w.blocks(c.objectives);
  w.para(effortSentence(c, 'fr', t), { bold: true });
  w.para(t('caseSheets.operator', { name: c.acc.operator_name }));
  if (c.provider) w.para(t('caseSheets.provider', { name: c.provider }));

  w.heading(t('caseSheets.structures'));
  for (const s of c.structures) {
    const l = structureLines(s, 'fr', t);
    w.label(
      s.status === 'withdrawn' ? `${s.name} ${t('caseSheets.withdrawnMark', { date: date(s.withdrawn_on) })}` : s.name,
    );
    for (const line of [l.type, l.activities, l.headcount]) if (line) w.para(line);
  }

  w.heading(t('caseSheets.context'));
  w.bullets(c.fields.context, empty);
  w.heading(t('caseSheets.priorLinks'));
  w.bullets(c.fields.prior_links, empty);
  w.heading(t('caseSheets.findings'));
  w.blocks(c.findings, empty);
  w.heading(t('caseSheets.objectives'));
  w.bullets(
    c.objectiveThemes.map((o) => `${o.theme} : ${o.aim}`),
    empty,
  );

  w.heading(t('caseSheets.process'));
  const when = (actual: string | null, planned: string | null) =>
    actual ? date(actual) : planned ? `${date(planned)} ${t('caseSheets.plannedMark')}` : '—';
  for (const p of c.phases) {
    const dates = t('caseSheets.phaseDates', {
      start: when(p.actual_start, p.planned_start),
      end: when(p.actual_end, p.planned_end),
    });
    w.para(`${p.position}. ${p.name} : ${dates}`);
  }
  w.label(t('caseSheets.events'));
  for (const e of c.events) w.para(`${date(e.date)} : ${e.text(t)}`);
  if (c.steering.length) {
    w.label(t('caseSheets.steering'));
    w.para(t('caseSheets.steeringCount', { count: c.steering.length }));
    w.bullets(c.steering.map((s) => `${date(s.date)} : ${s.theme ?? s.title}`));
  }

  w.heading(t('caseSheets.results'));
  w.bullets(c.fields.results, empty);
  for (const wd of c.withdrawals) {
    w.box(t('caseSheets.withdrawal.title', { name: wd.name }), [
      t('caseSheets.withdrawal.on', { date: date(wd.on_date) }),
      t('caseSheets.withdrawal.reasons'),
      ...wd.reasons.map((r) => `•  ${r}`),
      ...(wd.may_rejoin ? [t('caseSheets.withdrawal.mayRejoin', { text: wd.may_rejoin })] : []),
      ...(wd.rejoined_on ? [t('caseSheets.withdrawal.rejoined', { date: date(wd.rejoined_on) })] : []),
    ]);
  }

  w.heading(t('caseSheets.successFactors'));
  w.bullets(c.fields.success_factors, empty);
  w.heading(t('caseSheets.risks'));
  w.bullets([...c.fields.risks, ...c.fields.advice], empty);
  for (const [title, text] of [
    [t('caseSheets.providerRole'), c.fields.provider_role],
    [t('caseSheets.networkRole'), c.fields.network_role],
  ] as const) {
    if (!text) continue;
    w.heading(title);
    w.typed(text);
  }

  if (c.quotes.length) {
    w.heading(t('caseSheets.quotes'));
    for (const q of c.quotes) {
      w.typed(`« ${q.text} »`, { italics: true });
      w.para([q.person_name, q.person_role].filter(Boolean).join(', '), { size: 18, align: 'right' });
    }
  }

  if (c.relay) {
    const r = c.relay;
    w.heading(t('caseSheets.relay'));
    w.para(t('caseSheets.relay.handedOff', { name: r.name, date: date(r.handed_off_on) }));
    if (r.management_committee) w.typed(`${t('caseSheets.relay.committee')} ${r.management_committee}`);
    if (r.workstreams.length) {
      w.para(t('caseSheets.relay.workstreams'));
      w.bullets(r.workstreams);
    }
    if (r.keyDates.length) {
      w.para(t('caseSheets.relay.keyDates'));
      w.bullets(
        r.keyDates.map(
          (k) => `${date(k.on_date)}${k.approximate ? ` ${t('caseSheets.approximate')}` : ''} : ${k.label}`,
        ),
      );
    }
  }

  w.para(t('caseSheets.generated', { date: date(c.generatedOn) }), { size: 16, color: '555555' });
  return w.pack();
}
