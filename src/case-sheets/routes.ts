import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { findAccompaniment, type Accompaniment } from '../accompaniments/queries';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { refusePart } from '../accompaniments/withdrawn';
import type { Deps } from '../platform/deps';
import { DOCX_TYPE } from '../platform/docx';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { fmtApproxDate, type ApproxDate } from '../platform/approx-dates';
import { buildCaseSheet, effortSentence, structureLines, when } from './content';
import { renderCaseSheetDocx } from './docx';
import { renderCaseSheetPdf } from './pdf';
import { caseSheetPolicy } from './policy';
import { prefillCaseSheet } from './prefill';
import {
  currentLockVersion,
  findQuote,
  insertQuote,
  listQuotes,
  listSheetDates,
  loadCaseSheetFields,
  saveCaseSheet,
} from './queries';
import {
  ACTORS,
  BLANK_DATE_ROWS,
  DATE_KINDS,
  dateRowValues,
  LIST_FIELDS,
  parseCaseSheetForm,
  postedDateRows,
  quoteSchema,
  TEXT_FIELDS,
  type DateRowValues,
} from './schemas';

type Values = Record<string, unknown>;
const EMPTY_QUOTE = { person_name: '', person_role: '', text: '', consent_on: '' };

/** The case sheet (fiche retour): generated from the record as HTML and PDF; its close-out part edited by the operator's staff. */
export function registerCaseSheets(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadForEditing = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(caseSheetPolicy.edit(currentUser(req), acc));
    return acc;
  };

  /**
   * The recorded fields and dates as the form shows them (lists one item per line); while nothing
   * is saved, or no date yet, what the record proposes (prefill.ts), marked as such.
   */
  const formValues = async (acc: Accompaniment): Promise<Values> => {
    const [f, dates] = await Promise.all([loadCaseSheetFields(db, acc.id), listSheetDates(db, acc.id)]);
    const prefill =
      f.lock_version === 0 || !dates.length ? await prefillCaseSheet(db, acc.id, acc.operator_name) : null;
    const values: Values = { ...f, ...(f.lock_version === 0 ? prefill?.fields : {}), prefilled: f.lock_version === 0 };
    for (const field of LIST_FIELDS) values[field] = (values[field] as string[]).join('\n');
    values.dateRows = (dates.length ? dates : (prefill?.dates ?? [])).map(dateRowValues);
    return values;
  };

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    locals: {
      values?: Values;
      errors?: FieldErrors;
      formError?: string;
      quoteValues?: Values;
      quoteErrors?: FieldErrors;
    },
  ) => {
    const errors = locals.errors ?? {};
    const quoteErrors = locals.quoteErrors ?? {};
    const values = locals.values ?? (await formValues(acc));
    const blank: DateRowValues = {
      kind: 'event',
      actor: '',
      label: '',
      on: '',
      on_precision: 'day',
      end: '',
      end_precision: 'day',
      source: '',
    };
    res.status(status).render('case-sheets/edit', {
      title: req.t('caseSheets.edit.title'),
      acc,
      listFields: LIST_FIELDS,
      textFields: Object.entries(TEXT_FIELDS),
      dateKinds: DATE_KINDS,
      actors: ACTORS,
      dateRows: [
        ...((values.dateRows as DateRowValues[] | undefined) ?? []),
        ...Array.from({ length: BLANK_DATE_ROWS }, () => blank),
      ],
      values,
      errors,
      formError: formErrorOf(req.t, errors, locals.formError),
      quotes: await listQuotes(db, acc.id, !caseSheetPolicy.seeUnconsentedQuotes(currentUser(req), acc)),
      quoteValues: locals.quoteValues ?? EMPTY_QUOTE,
      quoteErrors,
      quoteFormError: formErrorOf(req.t, quoteErrors),
    });
  };

  app.get('/accompaniments/:id/case-sheet', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    await refusePart(db, currentUser(req), acc.id, 'case-sheet');
    const sheet = await buildCaseSheet(db, acc);
    res.render('case-sheets/show', {
      title: `${req.t('caseSheets.title')} – ${acc.title}`,
      sheet,
      effort: effortSentence(sheet, req.locale, req.t),
      structureLines: (s: Parameters<typeof structureLines>[0]) => structureLines(s, req.locale, req.t),
      approx: (on: string | null, precision: string) => fmtApproxDate(req.locale, on, precision),
      when: (d: ApproxDate | null) => when(req.locale, d),
      canEdit: caseSheetPolicy.edit(currentUser(req), acc),
    });
  });

  app.get('/accompaniments/:id/case-sheet.pdf', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    await refusePart(db, currentUser(req), acc.id, 'case-sheet');
    const pdf = await renderCaseSheetPdf(await buildCaseSheet(db, acc));
    res.type('application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="fiche-retour-${acc.id}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(pdf);
  });

  // The same sheet as a Word document, for the coordinator to finish: same scope and same refusal as the PDF.
  app.get('/accompaniments/:id/case-sheet.docx', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    await refusePart(db, currentUser(req), acc.id, 'case-sheet');
    const docx = await renderCaseSheetDocx(await buildCaseSheet(db, acc));
    res.type(DOCX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="fiche-retour-${acc.id}.docx"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(docx);
  });

  app.get('/accompaniments/:id/case-sheet/edit', requireLogin, async (req, res) => {
    const acc = await loadForEditing(req);
    await renderEdit(req, res, 200, acc, {});
  });

  app.post('/accompaniments/:id/case-sheet/edit', requireLogin, async (req, res) => {
    const acc = await loadForEditing(req);
    const form = parseCaseSheetForm(postedForm(req), req.t);
    const posted = { ...postedForm(req), dateRows: postedDateRows(postedForm(req)) ?? [] };
    if (!form.ok) return renderEdit(req, res, 422, acc, { values: posted, errors: form.errors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    const saved = await write(req, async (w) => {
      const ok =
        Number.isInteger(lockVersion) &&
        lockVersion >= 0 &&
        (await saveCaseSheet(w.trx, acc.id, lockVersion, form.data, form.dates, currentUser(req).id));
      await w.audit({
        action: ok ? 'case_sheet.update' : 'case_sheet.update_conflict',
        entityType: 'accompaniment',
        entityId: acc.id,
      });
      return ok;
    });
    // A colleague saved in between: keep this user's input, against the current version, rather
    // than overwrite theirs; saving again is then a deliberate choice.
    if (!saved) {
      return renderEdit(req, res, 409, acc, {
        values: { ...posted, lock_version: await currentLockVersion(db, acc.id) },
        formError: req.t('caseSheets.conflict'),
      });
    }
    flash(req, 'success', req.t('caseSheets.saved'));
    res.redirect(`/accompaniments/${acc.id}/case-sheet`);
  });

  app.post('/accompaniments/:id/case-sheet/quotes', requireLogin, async (req, res) => {
    const acc = await loadForEditing(req);
    const form = parseForm(quoteSchema, req.body, req.t);
    if (!form.ok)
      return renderEdit(req, res, 422, acc, {
        quoteValues: { ...EMPTY_QUOTE, ...postedForm(req) },
        quoteErrors: form.errors,
      });
    await write(req, async (w) => {
      const id = await insertQuote(w.trx, acc.id, form.data, currentUser(req).id);
      await w.audit({
        action: 'case_sheet.quote_add',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: { quote_id: id, person_name: form.data.person_name, consent_on: form.data.consent_on },
      });
    });
    flash(req, 'success', req.t('caseSheets.quote.added'));
    res.redirect(`/accompaniments/${acc.id}/case-sheet/edit#quotes`);
  });

  app.post('/case-sheet-quotes/:id/delete', requireLogin, async (req, res) => {
    if (!isId(req.params.id)) throw notFound();
    const quote = await findQuote(db, req.params.id);
    // The quote's case goes through the user's scope: out of scope looks like nonexistent.
    const acc = quote ? await findAccompaniment(db, currentUser(req), quote.accompaniment_id) : undefined;
    if (!quote || !acc) throw notFound();
    authorize(caseSheetPolicy.edit(currentUser(req), acc));
    await write(req, async (w) => {
      const n = await w.trx('case_sheet_quotes').where({ id: quote.id }).delete();
      if (n !== 1) throw notFound();
      await w.audit({
        action: 'case_sheet.quote_delete',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: { quote_id: quote.id, person_name: quote.person_name },
      });
    });
    flash(req, 'success', req.t('caseSheets.quote.deleted'));
    res.redirect(`/accompaniments/${acc.id}/case-sheet/edit#quotes`);
  });
}
