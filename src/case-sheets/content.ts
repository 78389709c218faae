import type { Accompaniment } from '../accompaniments/queries';
import { textBlocks, type Block } from '../diagnostics/text';
import { loadDiagnostic } from '../diagnostics/queries';
import { fmtApproxDate, type ApproxDate } from '../platform/approx-dates';
import { localToday } from '../platform/dates';
import type { Db } from '../platform/db';
import { labelOrValue, listLabels } from '../reference-lists/lists';
import { formatEuros, formatNumber, MessageKey, type Locale, type Translate } from '../platform/i18n';
import { daysSummary } from '../sessions/days-consumed';
import { prefillCaseSheet } from './prefill';
import { listSheetDates, loadCaseSheetFields, listQuotes, type CaseSheetFields, type Quote } from './queries';
import * as record from './record';
import type { Actor, SheetDate } from './schemas';

/**
 * The case sheet assembled once, for its three renderings (views/case-sheets/show.ejs, pdf.ts,
 * docx.ts). Figures come from where they are recorded (sessions, diagnostic, beneficiaries,
 * handoff); what the coordinator writes and the sheet's dated steps come from the sheet's own
 * record (case_sheets, case_sheet_dates), prefilled from the rest of the record while nothing is
 * saved (prefill.ts). Every date of a step is printed as precisely as it is recorded there
 * (« mi-octobre 2015 »). Texts are built by the renderer through `t`, in its own language.
 */
export type CaseSheet = {
  acc: Pick<Accompaniment, 'id' | 'title' | 'kind' | 'sector' | 'themes' | 'operator_name' | 'coordinator_name'>;
  provider: string | null;
  structures: (record.SheetStructure & { left: ApproxDate | null })[];
  objectives: Block[];
  objectiveThemes: { theme: string; aim: string }[];
  effort: { days: number; from: string | null; to: string | null; budgetEur: number | null };
  fields: CaseSheetFields;
  findings: Block[];
  /** The dated list of what happened (kind 'event'), in the sheet's order. */
  events: SheetDate[];
  /** The horizontal timeline: its boxes (kind 'step', then 'outcome'). */
  steps: SheetDate[];
  steering: record.SheetSession[];
  withdrawals: (record.Withdrawal & { left: ApproxDate })[];
  quotes: Quote[];
  relay: (Omit<record.Relay, 'handed_off_on' | 'keyDates'> & { since: ApproxDate | null }) | null;
  generatedOn: string;
};

// The period of the sheet ("de décembre 2015 à septembre 2016") is that of the work itself:
// the restitution and follow-up meetings report on it afterwards. Their days still count.
const AFTER_THE_WORK = new Set(['restitution', 'follow_up']);

const approx = (d: SheetDate | undefined): ApproxDate | null =>
  d?.on_date ? { on: d.on_date, precision: d.on_date_precision } : null;

export async function buildCaseSheet(db: Db, acc: Accompaniment): Promise<CaseSheet> {
  const [structures, sessions, days, saved, savedDates, quotes, diag, provider, withdrawals, relay, labels] =
    await Promise.all([
      record.sheetStructures(db, acc.id),
      record.sheetSessions(db, acc.id),
      daysSummary(db, acc.id),
      loadCaseSheetFields(db, acc.id),
      listSheetDates(db, acc.id),
      // Whoever reads it, a printed sheet never holds a quote without consent.
      listQuotes(db, acc.id, true),
      loadDiagnostic(db, acc.id),
      record.selectedProvider(db, acc.id),
      record.sheetWithdrawals(db, acc.id),
      record.sheetRelay(db, acc.id),
      // Themes ticked in the national list are stored as codes: the sheet (a French document) prints their labels.
      listLabels(db, ['theme'], 'fr'),
    ]);
  // Nothing saved yet: the sheet is what the edit form proposes. Saved steps are the sheet's own.
  const prefill =
    saved.lock_version === 0 || !savedDates.length ? await prefillCaseSheet(db, acc.id, acc.operator_name) : null;
  const fields = saved.lock_version === 0 && prefill ? { ...saved, ...prefill.fields } : saved;
  const dates = savedDates.length ? savedDates : (prefill?.dates ?? []);
  const bySource = (source: string) => dates.find((d) => d.source === source);
  const work = sessions.filter((s) => !AFTER_THE_WORK.has(s.type));
  const relayStep = bySource('handoff') ?? dates.find((d) => d.actor === 'relay');

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
    structures: structures.map((s) => ({
      ...s,
      left:
        s.status === 'withdrawn'
          ? (approx(bySource(`withdrawal:${s.organisation_id}`)) ??
            (s.withdrawn_on ? { on: s.withdrawn_on, precision: 'day' } : null))
          : null,
    })),
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
    events: dates.filter((d) => d.kind === 'event'),
    steps: [...dates.filter((d) => d.kind === 'step'), ...dates.filter((d) => d.kind === 'outcome')],
    steering: sessions.filter((s) => s.type === 'steering_committee'),
    withdrawals: withdrawals.map((w) => ({
      ...w,
      left: approx(bySource(`withdrawal:${w.organisation_id}`)) ?? { on: w.on_date, precision: 'day' },
    })),
    quotes,
    relay: relay
      ? {
          name: relay.name,
          management_committee: relay.management_committee,
          workstreams: relay.workstreams,
          since: approx(relayStep),
        }
      : null,
    generatedOn: localToday(),
  };
}

/** An approximate date in the reader's language: « mi-octobre 2015 », « courant 2017 », « 12 février 2016 ». */
export const when = (locale: Locale, d: ApproxDate | null) => (d ? fmtApproxDate(locale, d.on, d.precision) : '');
/** A step's start, as recorded: '' when it has none. */
export const stepDate = (locale: Locale, d: SheetDate) => fmtApproxDate(locale, d.on_date, d.on_date_precision);
export const stepEnd = (locale: Locale, d: SheetDate) => fmtApproxDate(locale, d.end_date, d.end_date_precision);

/**
 * The horizontal timeline « who acts when »: the boxes in order with the date each starts (and
 * the last one's end), and under them the bands of the actors (operator, then provider, then
 * relay), consecutive boxes of one actor sharing a band; the outcome closes it. Positions are
 * box indexes: each renderer gives a box its width.
 */
export type Timeline = {
  boxes: { label: string; date: string; end: string; outcome: boolean }[];
  bands: { actor: Actor; label: string; from: number; to: number }[];
};

export function timelineOf(c: CaseSheet, locale: Locale, t: Translate): Timeline {
  const boxes = c.steps.map((s) => ({
    label: s.label,
    date: stepDate(locale, s),
    end: stepEnd(locale, s),
    outcome: s.kind === 'outcome',
  }));
  const names: Record<Actor, string | null> = {
    operator: c.acc.operator_name,
    provider: c.provider,
    relay: c.relay?.name ?? null,
  };
  const bands: Timeline['bands'] = [];
  c.steps.forEach((s, i) => {
    if (!s.actor) return;
    const last = bands.at(-1);
    if (last && last.actor === s.actor && last.to === i - 1) last.to = i;
    else
      bands.push({
        actor: s.actor,
        label: t(`caseSheets.actor.${s.actor}` as MessageKey, { name: names[s.actor] ?? '—' }),
        from: i,
        to: i,
      });
  });
  return { boxes, bands };
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
