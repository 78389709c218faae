import type { Accompaniment } from '../accompaniments/queries';
import { textBlocks, type Block } from '../diagnostics/text';
import { loadDiagnostic } from '../diagnostics/queries';
import { buildChart, type Chart } from '../phases/chart';
import { listPhases, type Phase } from '../phases/queries';
import { localToday } from '../platform/dates';
import type { Db } from '../platform/db';
import { labelOrValue, listLabels } from '../reference-lists/lists';
import { formatEuros, formatNumber, MessageKey, type Locale, type Translate } from '../platform/i18n';
import { daysSummary } from '../sessions/days-consumed';
import { loadCaseSheetFields, listQuotes, type CaseSheetFields, type Quote } from './queries';
import * as record from './record';

/**
 * The case sheet assembled from the record, once, for both renderings (views/case-sheets/show.ejs
 * and pdf.ts). Figures and dates come from where they are recorded (sessions, diagnostic,
 * beneficiaries, notices, convention, handoff); only the close-out judgements come from the
 * case_sheets table. Texts are built by the renderer through `t`, in its own language.
 */
export type DatedEvent = { date: string; text: (t: Translate) => string };

export type CaseSheet = {
  acc: Pick<Accompaniment, 'id' | 'title' | 'kind' | 'sector' | 'themes' | 'operator_name' | 'coordinator_name'>;
  provider: string | null;
  structures: record.SheetStructure[];
  objectives: Block[];
  objectiveThemes: { theme: string; aim: string }[];
  effort: { days: number; from: string | null; to: string | null; budgetEur: number | null };
  fields: CaseSheetFields;
  findings: Block[];
  events: DatedEvent[];
  phases: Phase[];
  chart: Chart | null;
  steering: record.SheetSession[];
  withdrawals: record.Withdrawal[];
  quotes: Quote[];
  relay: record.Relay | null;
  generatedOn: string;
};

// The period of the sheet ("de décembre 2015 à septembre 2016") is that of the work itself:
// the restitution and follow-up meetings report on it afterwards. Their days still count.
const AFTER_THE_WORK = new Set(['restitution', 'follow_up']);

export async function buildCaseSheet(db: Db, acc: Accompaniment): Promise<CaseSheet> {
  const [
    structures,
    sessions,
    days,
    fields,
    quotes,
    diag,
    phases,
    provider,
    validated,
    notices,
    signedOn,
    deliveryOn,
    withdrawals,
    relay,
    labels,
  ] = await Promise.all([
    record.sheetStructures(db, acc.id),
    record.sheetSessions(db, acc.id),
    daysSummary(db, acc.id),
    loadCaseSheetFields(db, acc.id),
    // Whoever reads it, a printed sheet never holds a quote without consent.
    listQuotes(db, acc.id, true),
    loadDiagnostic(db, acc.id),
    listPhases(db, acc.id),
    record.selectedProvider(db, acc.id),
    record.diagnosticValidated(db, acc.id),
    record.sheetNotices(db, acc.id),
    record.conventionSignedOn(db, acc.id),
    record.enteredOn(db, acc.id, 'delivery'),
    record.sheetWithdrawals(db, acc.id),
    record.sheetRelay(db, acc.id),
    // Themes ticked in the national list are stored as codes: the sheet (a French document) prints their labels.
    listLabels(db, ['theme'], 'fr'),
  ]);
  const work = sessions.filter((s) => !AFTER_THE_WORK.has(s.type));

  const events: DatedEvent[] = [];
  if (validated)
    events.push({
      date: validated.on,
      text: (t) => t('caseSheets.event.diagnosticValidated', { count: validated.count }),
    });
  for (const n of notices) {
    events.push({ date: n.on_date, text: (t) => `${t(`notices.kind.${n.kind}` as MessageKey)} : ${n.recipients}` });
  }
  for (const s of sessions.filter((x) => x.type === 'kickoff' || x.type === 'restitution')) {
    events.push({ date: s.date, text: () => (s.theme ? `${s.title} : ${s.theme}` : s.title) });
  }
  if (signedOn) events.push({ date: signedOn, text: (t) => t('caseSheets.event.conventionSigned') });
  else if (deliveryOn) events.push({ date: deliveryOn, text: (t) => t('caseSheets.event.delivery') });
  for (const w of withdrawals)
    events.push({ date: w.on_date, text: (t) => t('caseSheets.event.withdrawn', { name: w.name }) });
  if (relay)
    events.push({ date: relay.handed_off_on, text: (t) => t('caseSheets.event.handoff', { name: relay.name }) });
  events.sort((a, b) => a.date.localeCompare(b.date));

  return {
    acc: {
      id: acc.id,
      title: acc.title,
      kind: acc.kind,
      sector: acc.sector,
      themes: (acc.themes ?? []).map((th) => labelOrValue(labels.theme, th)),
      operator_name: acc.operator_name,
      coordinator_name: acc.coordinator_name,
    },
    provider,
    structures,
    objectives: textBlocks(acc.objectives),
    objectiveThemes: diag.objectives,
    effort: {
      days: days.consumed,
      from: work[0]?.date ?? null,
      to: work.at(-1)?.date ?? null,
      budgetEur: acc.budget_eur == null ? null : Number(acc.budget_eur),
    },
    fields,
    findings: textBlocks(diag.diagnostic?.findings),
    events,
    phases,
    chart: sheetChart(phases),
    steering: sessions.filter((s) => s.type === 'steering_committee'),
    withdrawals,
    quotes,
    relay,
    generatedOn: localToday(),
  };
}

/**
 * The picture of a sheet written long after the facts must not stretch an unfinished phase to
 * today: an open phase runs to the last date the phases mention, or to today if that is sooner.
 */
function sheetChart(phases: Phase[]): Chart | null {
  const dates = phases
    .flatMap((p) => [p.planned_start, p.planned_end, p.actual_start, p.actual_end])
    .filter((d): d is string => Boolean(d));
  const last = dates.sort().at(-1);
  const today = localToday();
  if (!last || last >= today) return buildChart(phases, today);
  const chart = buildChart(phases, last);
  // The capped "today" is not today: no marker, the legend says today is after the picture.
  return chart && { ...chart, today: null, todayOutside: 'after' };
}

const monthFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
/** "décembre 2015" from '2015-12-01'. */
export const monthOf = (locale: Locale, date: string) => monthFormats[locale].format(new Date(`${date}T00:00:00Z`));

/** "6 jours d’accompagnement collectif de décembre 2015 à septembre 2016, pour un budget de 7 000 €." */
export function effortSentence(c: CaseSheet, locale: Locale, t: Translate) {
  const e = c.effort;
  const kind = t(`caseSheets.kind.${c.acc.kind}` as MessageKey);
  let s = t('caseSheets.effort.days', { days: formatNumber(locale, e.days), kind });
  if (e.from && e.to) s += t('caseSheets.effort.period', { from: monthOf(locale, e.from), to: monthOf(locale, e.to) });
  if (e.budgetEur != null) s += t('caseSheets.effort.budget', { budget: formatEuros(locale, e.budgetEur) });
  return `${s}.`;
}

/** "Association intermédiaire (AI)" and "156 salariés dont 150 en insertion". */
export function structureLines(s: record.SheetStructure, locale: Locale, t: Translate) {
  const type = s.siae_type
    ? t(`caseSheets.siae.${s.siae_type}` as MessageKey) + (s.taxable ? t('caseSheets.taxable') : '')
    : null;
  let headcount: string | null = null;
  if (s.employees != null) {
    headcount =
      s.employees_in_insertion != null
        ? t('caseSheets.headcount', {
            employees: formatNumber(locale, s.employees),
            insertion: formatNumber(locale, s.employees_in_insertion),
          })
        : t('caseSheets.headcountOnly', { employees: formatNumber(locale, s.employees) });
  }
  return { type, activities: (s.activities ?? []).join(' – '), headcount };
}

/** How much of the close-out part is written, for the accompaniment page. */
export function completion(f: CaseSheetFields) {
  const items = [
    ['context', f.context.length > 0],
    ['prior_links', f.prior_links.length > 0],
    ['results', f.results.length > 0],
    ['success_factors', f.success_factors.length > 0],
    ['risks', f.risks.length > 0],
    ['advice', f.advice.length > 0],
    ['provider_role', Boolean(f.provider_role)],
    ['network_role', Boolean(f.network_role)],
  ] as const;
  return {
    items: items.map(([field, filled]) => ({ field, filled })),
    filled: items.filter(([, f]) => f).length,
    total: items.length,
  };
}
