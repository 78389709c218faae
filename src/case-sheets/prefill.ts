import { objectivesWithResults } from '../close-out/queries';
import { textBlocks } from '../diagnostics/text';
import { loadDiagnostic } from '../diagnostics/queries';
import { listPhases } from '../phases/queries';
import type { Db } from '../platform/db';
import { fr } from '../platform/pdf';
import type { MessageKey } from '../platform/i18n';
import * as record from './record';
import type { CaseSheetFields } from './queries';
import type { SheetDate } from './schemas';

/**
 * What the sheet's editable record starts from, so that nobody types twice what Jalons already
 * holds: the context and the links between the structures from the diagnostic, the results from
 * the close-out, the dated steps from the validations, notices, kick-off, convention, phases,
 * withdrawals and handoff. Every date keeps the precision it is recorded with (a day): the
 * coordinator lowers it (« mi-octobre 2015 ») before generating; nothing is made more precise
 * than recorded, and nothing is dated that the record does not date (the diagnostic's box).
 * The sheet is written in French: the texts proposed are French (platform/pdf's fr).
 */
export type Prefill = {
  fields: Pick<CaseSheetFields, 'context' | 'prior_links' | 'results'>;
  dates: SheetDate[];
};

const day = (on: string | null, label: string, kind: SheetDate['kind'], extra: Partial<SheetDate> = {}): SheetDate => ({
  kind,
  actor: null,
  label,
  on_date: on,
  on_date_precision: 'day',
  end_date: null,
  end_date_precision: 'day',
  source: null,
  ...extra,
});

/**
 * The diagnostic's context as typed: its lines before a line speaking of links between the
 * structures (« Liens existants entre les structures : ») are the context, the lines after it
 * the links.
 */
export function splitContext(text: string | null | undefined) {
  const context: string[] = [];
  const links: string[] = [];
  let target = context;
  for (const b of textBlocks(text)) {
    if (b.kind === 'p' && /\bliens?\b/i.test(b.text) && b.text.trim().endsWith(':')) {
      target = links;
      continue;
    }
    if (b.kind === 'p') target.push(b.text);
    else target.push(...b.items);
  }
  return { context, links };
}

export async function prefillCaseSheet(db: Db, accId: string, operatorName: string): Promise<Prefill> {
  const [diag, results, phases, validated, notices, sessions, signedOn, deliveryOn, withdrawals, relay, provider] =
    await Promise.all([
      loadDiagnostic(db, accId),
      objectivesWithResults(db, accId),
      listPhases(db, accId),
      record.diagnosticValidated(db, accId),
      record.sheetNotices(db, accId),
      record.sheetSessions(db, accId),
      record.conventionSignedOn(db, accId),
      record.enteredOn(db, accId, 'delivery'),
      record.sheetWithdrawals(db, accId),
      record.sheetRelay(db, accId),
      record.selectedProvider(db, accId),
    ]);
  const { context, links } = splitContext(diag.diagnostic?.context);

  const events: SheetDate[] = [];
  if (validated)
    events.push(day(validated.on, fr('caseSheets.event.diagnosticValidated', { count: validated.count }), 'event'));
  for (const n of notices)
    events.push(day(n.on_date, `${fr(`notices.kind.${n.kind}` as MessageKey)} : ${n.recipients}`, 'event'));
  for (const s of sessions.filter((x) => x.type === 'kickoff'))
    events.push(day(s.date, s.theme ? `${s.title} : ${s.theme}` : s.title, 'event'));
  if (signedOn) events.push(day(signedOn, fr('caseSheets.event.conventionSigned'), 'event'));
  else if (deliveryOn) events.push(day(deliveryOn, fr('caseSheets.event.delivery'), 'event'));
  for (const w of withdrawals)
    events.push(
      day(w.on_date, fr('caseSheets.event.withdrawn', { name: w.name }), 'event', {
        source: `withdrawal:${w.organisation_id}`,
      }),
    );
  const keyDates = relay?.keyDates ?? [];
  const outcome = keyDates.filter((k) => !k.approximate).at(-1);
  for (const k of keyDates) {
    if (k === outcome) continue;
    // A key date typed as approximate is known to the month at best.
    events.push(day(k.on_date, k.label, 'event', { on_date_precision: k.approximate ? 'month' : 'day' }));
  }
  events.sort((a, b) => String(a.on_date).localeCompare(String(b.on_date)));

  const steps: SheetDate[] = [
    day(null, fr('caseSheets.prefill.diagnosticStep', { name: operatorName }), 'step', { actor: 'operator' }),
  ];
  for (const p of phases) {
    steps.push(
      day(
        p.actual_start ?? p.planned_start,
        `${fr('caseSheets.prefill.phase', { n: p.position })} – ${p.name}`,
        'step',
        {
          actor: 'provider',
          end_date: p.actual_end ?? p.planned_end,
        },
      ),
    );
  }
  if (!phases.length && provider)
    steps.push(day(null, fr('caseSheets.prefill.providerStep', { name: provider }), 'step', { actor: 'provider' }));
  if (relay)
    steps.push(
      day(relay.handed_off_on, fr('caseSheets.prefill.relayStep', { name: relay.name }), 'step', {
        actor: 'relay',
        source: 'handoff',
      }),
    );
  if (outcome) steps.push(day(outcome.on_date, outcome.label, 'outcome'));

  return {
    fields: {
      context,
      prior_links: links,
      results: results
        .filter((r) => r.result)
        .map((r) =>
          [`${r.theme} : ${fr(`closeOut.result.${r.result}` as MessageKey).toLowerCase()}`, r.comment]
            .filter(Boolean)
            .join(' – '),
        ),
    },
    dates: [...events, ...steps],
  };
}
