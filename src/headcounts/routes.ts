import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedText } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { findStructure, type Structure } from '../structures/queries';
import { HeadcountRefused, recordHeadcount } from './commands';
import { headcountPolicy } from './policy';
import { headcountSchema, OCCASIONS } from './schemas';

type Values = Record<string, string>;
const LINKS = ['pathway_id', 'checkpoint_months', 'follow_up_checkpoint_id'] as const;

/** The form's first values: today, and where it is recorded from (the parcours' or the follow-up's link). */
function firstValues(query: Request['query']): Values {
  const links = Object.fromEntries(LINKS.map((k) => [k, postedText(query[k], 20)]));
  const asked = postedText(query.occasion, 20);
  const occasion = (OCCASIONS as readonly string[]).includes(asked)
    ? asked
    : links.checkpoint_months || links.follow_up_checkpoint_id
      ? 'checkpoint'
      : 'other';
  return { recorded_on: localToday(), occasion, ...links };
}

/** Recording a dated snapshot of a structure's headcounts (shown on the structure's page). */
export function registerHeadcounts(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** The structure through the user's scope (404), then the policy (403). */
  const loadToRecord = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const structure = await findStructure(db, currentUser(req), req.params.id);
    if (!structure) throw notFound();
    authorize(headcountPolicy.record(currentUser(req)));
    return structure;
  };

  const render = (req: Request, res: Response, s: Structure, status: number, values: Values, errors: FieldErrors) =>
    res.status(status).render('headcounts/form', {
      title: req.t('headcounts.new.title', { name: s.name }),
      ...{ structure: s, values, errors, occasions: OCCASIONS, formError: errors._form ?? formErrorOf(req.t, errors) },
    });

  app.get('/structures/:id/headcounts/new', requireLogin, async (req, res) => {
    const s = await loadToRecord(req);
    render(req, res, s, 200, firstValues(req.query), {});
  });

  app.post('/structures/:id/headcounts', requireLogin, async (req, res) => {
    const s = await loadToRecord(req);
    const user = currentUser(req);
    const posted = Object.fromEntries(Object.entries(postedForm(req)).map(([k, v]) => [k, postedText(v, 40)]));
    const form = parseForm(headcountSchema, req.body, req.t);
    if (!form.ok) return render(req, res, s, 422, posted, form.errors);
    try {
      const by = { organisationId: s.id, operatorId: user.organisation_id, userId: user.id };
      await write(req, (w) => recordHeadcount(w, by, form.data));
    } catch (err) {
      if (!(err instanceof HeadcountRefused)) throw err;
      return render(req, res, s, 422, posted, { [err.field]: req.t(err.key) });
    }
    flash(req, 'success', req.t('headcounts.recorded'));
    res.redirect(`/structures/${s.id}#headcounts`);
  });
}
