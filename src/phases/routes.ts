import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { phasesPolicy } from './policy';
import {
  createFromTemplate,
  listRecordedPhases,
  listTemplates,
  PhasesAlreadyExist,
  phasesLockVersion,
  savePhases,
} from './queries';
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

  const renderEdit = (
    req: Request,
    res: Response,
    status: number,
    locals: {
      acc: { id: string; title: string };
      rows: RowValues[];
      errors: FieldErrors;
      summary: FieldErrors;
      lockVersion: unknown;
    },
  ) =>
    res.status(status).render('phases/edit', {
      title: req.t('phases.edit.title'),
      statuses: PHASE_STATUSES,
      maxRows: MAX_PHASES,
      formError: formErrorOf(req.t, locals.errors, locals.errors._form),
      ...locals,
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
      const count = await write(req, async (w) => {
        const n = await createFromTemplate(w.trx, acc.id, template);
        await w.audit({
          action: 'phases.from_template',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { template_id: template.id, template: template.name, phases: n },
        });
        return n;
      });
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
    renderEdit(req, res, 200, {
      acc,
      rows: [...rowsOfPhases(phases), blankRow()],
      errors: {},
      summary: {},
      lockVersion,
    });
  });

  app.post('/accompaniments/:id/phases/edit', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const rows = rowsOfBody(req.body ?? {});
    // The version the form was first shown with travels through "add a row" and the 422 pages.
    const lockVersion = req.body?.lock_version;
    // "Add a row" only shows the form again with one more empty row: nothing is saved yet.
    if (req.body?.action === 'add_row') {
      return renderEdit(req, res, 200, {
        acc,
        rows: rows.length <= MAX_PHASES ? [...rows, blankRow()] : rows,
        errors: {},
        summary: {},
        lockVersion,
      });
    }
    const form = parsePhasesForm(rows, req.t);
    if (!form.ok)
      return renderEdit(req, res, 422, { acc, rows, errors: form.errors, summary: form.summary, lockVersion });
    const saved = await write(req, async (w) => {
      const result = await savePhases(w.trx, acc.id, postedLockVersion(lockVersion), form.rows);
      await w.audit({
        action: result ? 'phases.update' : 'phases.update_conflict',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: result ?? {},
      });
      return result !== null;
    });
    // Someone saved the phases in between: the rows typed are kept, against the current version,
    // so that saving again is a deliberate overwrite rather than a silent one.
    if (!saved) {
      return renderEdit(req, res, 409, {
        acc,
        rows,
        errors: { _form: req.t('phases.edit.conflict') },
        summary: {},
        lockVersion: await phasesLockVersion(db, acc.id),
      });
    }
    flash(req, 'success', req.t('phases.edit.saved'));
    res.redirect(caseUrl(acc.id, 'phases'));
  });
}
