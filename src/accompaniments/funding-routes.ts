import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { formErrorOf, parseForm, postedForm, postedText, type FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { funderChoices, listFunding, NotAFunder, removeFunding, setFunding } from './funding';
import { accompanimentPolicy } from './policy';
import type { Accompaniment } from './queries';
import { loadAccompaniment } from './load';
import { fundingSchema } from './schemas';
import { caseUrl } from './tabs';

/** The funding split: which funder pays how much of the case. */
export function registerFundingRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // Adding a funder's share has its own page: the list of funders is loaded there, not on every
  // view of the case's overview. The budget and the shares already recorded are shown alongside.
  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: Record<string, string>,
    errors: FieldErrors,
  ) => {
    const [funders, funding] = await Promise.all([funderChoices(db), listFunding(db, acc.id)]);
    res.status(status).render('accompaniments/add-funding', {
      title: req.t('funding.new.title'),
      acc,
      funders,
      funding,
      total: funding.reduce((sum, f) => sum + Number(f.amount_eur), 0),
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  app.get('/accompaniments/:id/funding/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageFunding(currentUser(req), acc));
    await renderNew(req, res, 200, acc, { funder_id: '', amount_eur: '' }, {});
  });

  app.post('/accompaniments/:id/funding', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageFunding(currentUser(req), acc));
    const values = {
      funder_id: postedText(postedForm(req).funder_id),
      amount_eur: postedText(postedForm(req).amount_eur),
    };
    const refuse = (errors: FieldErrors) => renderNew(req, res, 422, acc, values, errors);
    const form = parseForm(fundingSchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      await write(req, async (w) => {
        await setFunding(w.trx, acc.id, form.data.funder_id, form.data.amount_eur);
        await w.audit({ action: 'funding.set', entityType: 'accompaniment', entityId: acc.id, details: form.data });
      });
    } catch (err) {
      if (!(err instanceof NotAFunder)) throw err;
      return refuse({ funder_id: req.t('funding.chooseFunderError') });
    }
    flash(req, 'success', req.t('funding.saved'));
    res.redirect(caseUrl(acc.id, 'funding'));
  });

  app.post('/accompaniments/:id/funding/:funderId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageFunding(currentUser(req), acc));
    if (!isId(req.params.funderId)) throw notFound();
    const funderId = req.params.funderId;
    await write(req, async (w) => {
      await removeFunding(w.trx, acc.id, funderId);
      await w.audit({
        action: 'funding.remove',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: { funder_id: funderId },
      });
    });
    flash(req, 'success', req.t('funding.removed'));
    res.redirect(caseUrl(acc.id, 'funding'));
  });
}
