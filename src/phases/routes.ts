import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { phasesPolicy } from './policy';
import { editPhases, phasesFromTemplate } from './commands';
import { listRecordedPhases, listTemplates, PhasesAlreadyExist, phasesLockVersion, recordedDays } from './queries';
import {
  blankRow,
  MAX_PHASES,
  parsePhasesForm,
  PHASE_STATUSES,
  RowValues,
  rowsOfBody,
  rowsOfPhases,
  templateSchema,
} from './schemas';
import { caseUrl } from '../accompaniments/tabs';

/** Phases of an accompaniment: created from a template, then edited all at once. */
export function registerPhases(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadForManaging = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(phasesPolicy.manage(currentUser(req), acc));
    return acc;
  };

  // The form of every phase; `lockVersion` is the version the form was first shown with.
  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    acc: { id: string; title: string },
    rows: RowValues[],
    lockVersion: unknown,
    errors: FieldErrors = {},
    summary: FieldErrors = {},
  ) =>
    res.status(status).render('phases/edit', {
      title: req.t('phases.edit.title'),
      statuses: PHASE_STATUSES,
      maxRows: MAX_PHASES,
      formError: formErrorOf(req.t, errors, errors._form),
      acc,
      rows,
      errors,
      summary,
      lockVersion,
      // What the planned days start from: the days contracted, proposed by the provider, in the terms of reference.
      days: await recordedDays(db, acc.id),
    });

  app.post('/accompaniments/:id/phases/from-template', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const form = parseForm(templateSchema, req.body, req.t);
    const template = form.ok ? (await listTemplates(db)).find((tp) => tp.id === form.data.template_id) : undefined;
    if (!template) {
      flash(req, 'error', req.t('phases.template.invalid'));
      return res.redirect(caseUrl(acc.id, 'phases'));
    }
    try {
      const count = await write(req, (w) => phasesFromTemplate(w, acc.id, template));
      flash(req, 'success', req.t('phases.template.created', { count }));
    } catch (err) {
      if (!(err instanceof PhasesAlreadyExist)) throw err;
      flash(req, 'info', req.t('phases.template.alreadyThere'));
    }
    res.redirect(caseUrl(acc.id, 'phases'));
  });

  app.get('/accompaniments/:id/phases/edit', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const [phases, lockVersion] = await Promise.all([listRecordedPhases(db, acc.id), phasesLockVersion(db, acc.id)]);
    await renderEdit(req, res, 200, acc, [...rowsOfPhases(phases), blankRow()], lockVersion);
  });

  app.post('/accompaniments/:id/phases/edit', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const rows = rowsOfBody(postedForm(req));
    // The version the form was first shown with travels through "add a row" and the 422 pages.
    const lockVersion = postedForm(req).lock_version;
    // "Add a row" only shows the form again with one more empty row: nothing is saved yet.
    if (postedForm(req).action === 'add_row')
      return renderEdit(req, res, 200, acc, rows.length <= MAX_PHASES ? [...rows, blankRow()] : rows, lockVersion);
    const form = parsePhasesForm(rows, req.t);
    if (!form.ok) return renderEdit(req, res, 422, acc, rows, lockVersion, form.errors, form.summary);
    const saved = await write(req, (w) => editPhases(w, acc.id, postedLockVersion(lockVersion), form.rows));
    // Someone saved the phases in between: the rows typed are kept, against the current version,
    // so that saving again is a deliberate overwrite rather than a silent one.
    if (!saved) {
      const current = await phasesLockVersion(db, acc.id);
      return renderEdit(req, res, 409, acc, rows, current, { _form: req.t('phases.edit.conflict') });
    }
    flash(req, 'success', req.t('phases.edit.saved'));
    res.redirect(caseUrl(acc.id, 'phases'));
  });
}
