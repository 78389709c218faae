import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { refusePart } from '../accompaniments/withdrawn';
import type { Deps } from '../platform/deps';
import { checkpointHeadcountStructures } from '../headcounts/section';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { followUpPolicy } from './policy';
import { recordFollowUpCheckpoint } from './commands';
import { CheckpointInScope, findCheckpointInScope, listCheckpoints, openActionsSummary } from './queries';
import { checkpointSchema, CRITERIA, RATINGS } from './schemas';
import { checkpointStatus } from './status';

const FIELDS = [
  ...CRITERIA.flatMap((c) => [`${c}_rating`, `${c}_note`]),
  'held_on',
  'employees',
  'employees_in_insertion',
  'open_actions',
  'notes',
  'lock_version',
];

/** What the form shows: the posted input as typed, or the stored checkpoint (open actions prefilled). */
const keepInput = (body: Record<string, unknown>) =>
  Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']));

/** Follow-up checkpoints: the list of an accompaniment's, and recording one. */
export function registerFollowUp(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadCheckpoint = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const cp = await findCheckpointInScope(db, currentUser(req), req.params.id);
    if (!cp) throw notFound();
    return cp;
  };

  const renderCheckpoint = (
    req: Request,
    res: Response,
    status: number,
    cp: CheckpointInScope,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    formError: string | null = null,
  ) =>
    res.status(status).render('follow-up/checkpoint', {
      title: `${req.t('followUp.checkpoint.title', { months: cp.offset_months })} — ${cp.accompaniment_title}`,
      cp,
      status: checkpointStatus(cp, localToday()),
      today: localToday(),
      canRecord: followUpPolicy.record(currentUser(req), cp),
      criteria: CRITERIA,
      ratings: RATINGS,
      values,
      errors,
      formError: formErrorOf(req.t, errors, formError),
    });

  app.get('/accompaniments/:id/follow-up', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    await refusePart(db, currentUser(req), acc.id, 'follow-up');
    const today = localToday();
    const checkpoints = (await listCheckpoints(db, acc.id)).map((cp) => ({
      ...cp,
      status: checkpointStatus(cp, today),
    }));
    res.render('follow-up/index', { title: req.t('followUp.index.title', { title: acc.title }), acc, checkpoints });
  });

  app.get('/checkpoints/:id', requireLogin, async (req, res) => {
    const cp = await loadCheckpoint(req);
    const values: Record<string, unknown> = {
      ...keepInput(cp),
      held_on: cp.held_on ?? localToday(),
      employees: cp.employees ?? '',
      employees_in_insertion: cp.employees_in_insertion ?? '',
      lock_version: cp.lock_version,
    };
    if (!cp.recorded_at && !cp.open_actions) values.open_actions = await openActionsSummary(db, cp.accompaniment_id);
    // The operator's staff record each structure's headcounts at this checkpoint (headcounts/, linked to it).
    res.locals.headcountStructures = await checkpointHeadcountStructures(db, currentUser(req), cp);
    renderCheckpoint(req, res, 200, cp, values);
  });

  app.post('/checkpoints/:id', requireLogin, async (req, res) => {
    const cp = await loadCheckpoint(req);
    authorize(followUpPolicy.record(currentUser(req), cp));
    // The day it took place, as chosen (today when the form sent none).
    const posted = postedForm(req);
    const values = {
      ...keepInput(posted),
      held_on: typeof posted.held_on === 'string' ? posted.held_on : localToday(),
    };
    const form = parseForm(checkpointSchema, values, req.t);
    if (!form.ok) return renderCheckpoint(req, res, 422, cp, values, form.errors);
    const lockVersion = postedLockVersion(posted.lock_version);
    let saved: boolean;
    try {
      saved = await write(req, (w) => recordFollowUpCheckpoint(w, cp, lockVersion, form.data));
    } catch (err) {
      if (err instanceof DateRefused) return renderCheckpoint(req, res, 422, cp, values, dateRefusalError(req, err));
      throw err;
    }
    // Someone saved in between: keep this user's input against the current version, never overwrite theirs silently.
    if (!saved) {
      const current = await loadCheckpoint(req);
      const kept = { ...values, lock_version: current.lock_version };
      return renderCheckpoint(req, res, 409, current, kept, {}, req.t('followUp.conflict'));
    }
    flash(req, 'success', req.t('followUp.saved'));
    res.redirect(`/accompaniments/${cp.accompaniment_id}/follow-up`);
  });
}
