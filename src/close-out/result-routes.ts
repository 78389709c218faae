import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closeOutPolicy } from './policy';
import { recordResults } from './commands';
import { loadCloseOut, ObjectiveResult, objectivesWithResults } from './queries';
import { commentsWithoutResult, RESULT_VALUES, resultsOf, resultsSchema } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

/** The results against each objective of the diagnostic, and the new needs: one form. */
export function registerResultRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const load = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(closeOutPolicy.edit(currentUser(req), acc));
    return { acc, objectives: await objectivesWithResults(db, acc.id) };
  };

  const render = (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    objectives: ObjectiveResult[],
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) =>
    res.status(status).render('close-out/results', {
      title: req.t('closeOut.results.title'),
      acc,
      objectives,
      resultValues: RESULT_VALUES,
      values,
      errors,
      formError: formErrorOf(req.t, errors, errors._form),
    });

  app.get('/accompaniments/:id/close-out/results', requireLogin, async (req, res) => {
    const { acc, objectives } = await load(req);
    const closeOut = await loadCloseOut(db, acc.id);
    const values: Record<string, unknown> = {
      new_needs: closeOut.new_needs.join('\n'),
      lock_version: String(closeOut.lock_version),
    };
    for (const o of objectives) {
      values[`result_${o.id}`] = o.result ?? '';
      values[`comment_${o.id}`] = o.comment ?? '';
    }
    render(req, res, 200, acc, objectives, values, {});
  });

  app.post('/accompaniments/:id/close-out/results', requireLogin, async (req, res) => {
    const { acc, objectives } = await load(req);
    const ids = objectives.map((o) => o.id);
    const form = parseForm(resultsSchema(ids), req.body, req.t);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    for (const id of commentsWithoutResult(postedForm(req), ids))
      errors[`result_${id}`] ??= req.t('closeOut.validation.resultNeeded');
    if (!form.ok || Object.keys(errors).length) return render(req, res, 422, acc, objectives, postedForm(req), errors);
    const input = resultsOf(ids, form.data);
    const saved = await write(req, (w) =>
      recordResults(w, acc.id, postedLockVersion(postedForm(req).lock_version), input),
    );
    if (!saved) {
      const current = { lock_version: String((await loadCloseOut(db, acc.id)).lock_version) };
      const conflict = { _form: req.t('closeOut.conflict') };
      return render(req, res, 409, acc, objectives, { ...postedForm(req), ...current }, conflict);
    }
    flash(req, 'success', req.t('closeOut.results.saved'));
    res.redirect(`/accompaniments/${acc.id}/close-out#results`);
  });
}
