import type { Express } from 'express';
import { isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { NotAFunder, removeFunding, setFunding } from './funding';
import { accompanimentPolicy } from './policy';
import { loadAccompaniment } from './routes';
import { fundingSchema } from './schemas';
import { caseUrl } from './tabs';

/** The funding split: which funder pays how much of the case. */
export function registerFundingRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  app.post('/accompaniments/:id/funding', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageFunding(req.user!, acc));
    const form = parseForm(fundingSchema, req.body, req.t);
    if (!form.ok) {
      flash(req, 'error', `${req.t('funding.invalid')} ${Object.values(form.errors).join(' ')}`);
      return res.redirect(caseUrl(acc.id, 'funding'));
    }
    try {
      await write(req, async (w) => {
        await setFunding(w.trx, acc.id, form.data.funder_id, form.data.amount_eur!);
        await w.audit({ action: 'funding.set', entityType: 'accompaniment', entityId: acc.id, details: form.data });
      });
      flash(req, 'success', req.t('funding.saved'));
    } catch (err) {
      if (!(err instanceof NotAFunder)) throw err;
      flash(req, 'error', req.t('funding.invalid'));
    }
    res.redirect(caseUrl(acc.id, 'funding'));
  });

  app.post('/accompaniments/:id/funding/:funderId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageFunding(req.user!, acc));
    if (!isId(req.params.funderId)) throw notFound();
    const funderId = req.params.funderId;
    await write(req, async (w) => {
      await removeFunding(w.trx, acc.id, funderId);
      await w.audit({ action: 'funding.remove', entityType: 'accompaniment', entityId: acc.id, details: { funder_id: funderId } });
    });
    flash(req, 'success', req.t('funding.removed'));
    res.redirect(caseUrl(acc.id, 'funding'));
  });
}
