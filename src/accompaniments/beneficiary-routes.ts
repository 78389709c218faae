import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { type FieldErrors, parseForm, postedText, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import {
  addBeneficiary,
  listBeneficiaries,
  NotAStructure,
  rejoinBeneficiary,
  structureChoices,
  withdrawBeneficiary,
} from './beneficiaries';
import { accompanimentPolicy } from './policy';
import type { Accompaniment } from './queries';
import { loadAccompaniment } from './load';
import { addBeneficiarySchema, rejoinSchema, withdrawalSchema } from './schemas';
import { caseUrl } from './tabs';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';

/** Joining, withdrawing and rejoining: each leaves a dated entry in the case's history. */
export function registerBeneficiaryRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadBeneficiary = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    if (!isId(req.params.orgId)) throw notFound();
    const beneficiary = (await listBeneficiaries(db, acc.id)).find((b) => b.organisation_id === req.params.orgId);
    if (!beneficiary) throw notFound();
    return { acc, beneficiary };
  };

  // Adding a structure has its own page: the choice of structures (a few hundred on a national
  // instance) is loaded there, not on every view of the case's overview.
  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: Record<string, string>,
    errors: FieldErrors,
  ) => {
    const [structures, beneficiaries] = await Promise.all([
      structureChoices(db, acc.department),
      listBeneficiaries(db, acc.id),
    ]);
    const inCase = new Set(beneficiaries.map((b) => b.organisation_id));
    res.status(status).render('accompaniments/add-beneficiary', {
      title: req.t('beneficiaries.new.title'),
      acc,
      structures: structures.filter((s) => !inCase.has(s.id)),
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  app.get('/accompaniments/:id/beneficiaries/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    await renderNew(req, res, 200, acc, { organisation_id: '', joined_on: localToday() }, {});
  });

  app.post('/accompaniments/:id/beneficiaries', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    const values = {
      organisation_id: postedText(req.body?.organisation_id),
      joined_on: postedText(req.body?.joined_on),
    };
    const refuse = (errors: FieldErrors) => renderNew(req, res, 422, acc, values, errors);
    const form = parseForm(addBeneficiarySchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      const added = await write(req, async (w) => {
        const ok = await addBeneficiary(
          w.trx,
          acc.id,
          form.data.organisation_id,
          form.data.joined_on,
          currentUser(req).id,
        );
        await w.audit({
          action: ok ? 'beneficiary.add' : 'beneficiary.add_duplicate',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { organisation_id: form.data.organisation_id },
        });
        return ok;
      });
      flash(req, added ? 'success' : 'info', req.t(added ? 'beneficiaries.added' : 'beneficiaries.alreadyIn'));
    } catch (err) {
      if (err instanceof DateRefused) return refuse(dateRefusalError(req, err));
      if (!(err instanceof NotAStructure)) throw err;
      return refuse({ organisation_id: req.t('beneficiaries.chooseStructure') });
    }
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });

  app.get('/accompaniments/:id/beneficiaries/:orgId/withdraw', requireLogin, async (req, res) => {
    const { acc, beneficiary } = await loadBeneficiary(req);
    res.render('accompaniments/withdraw', {
      title: req.t('beneficiaries.withdraw.title', { name: beneficiary.name }),
      acc,
      beneficiary,
      values: { withdrawn_on: localToday(), withdrawal_reasons: '', may_rejoin: '' },
      errors: {},
    });
  });

  app.post('/accompaniments/:id/beneficiaries/:orgId/withdraw', requireLogin, async (req, res) => {
    const { acc, beneficiary } = await loadBeneficiary(req);
    const form = parseForm(withdrawalSchema, req.body, req.t);
    const refuse = (errors: FieldErrors, formError: string) =>
      res.status(422).render('accompaniments/withdraw', {
        title: req.t('beneficiaries.withdraw.title', { name: beneficiary.name }),
        acc,
        beneficiary,
        values: {
          withdrawn_on: postedText(req.body?.withdrawn_on),
          withdrawal_reasons: postedText(req.body?.withdrawal_reasons, 5000),
          may_rejoin: postedText(req.body?.may_rejoin, 2000),
        },
        errors,
        formError,
      });
    if (!form.ok || beneficiary.status !== 'active') {
      return refuse(
        form.ok ? {} : form.errors,
        beneficiary.status !== 'active' ? req.t('beneficiaries.alreadyWithdrawn') : req.t('form.hasErrors'),
      );
    }
    try {
      await write(req, async (w) => {
        await withdrawBeneficiary(w.trx, acc.id, beneficiary.organisation_id, form.data, currentUser(req).id);
        await w.audit({
          action: 'beneficiary.withdraw',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { organisation_id: beneficiary.organisation_id, ...form.data },
        });
      });
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return refuse(dateRefusalError(req, err), req.t('form.hasErrors'));
    }
    flash(req, 'success', req.t('beneficiaries.withdrawn', { name: beneficiary.name }));
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });

  app.post('/accompaniments/:id/beneficiaries/:orgId/rejoin', requireLogin, async (req, res) => {
    const { acc, beneficiary } = await loadBeneficiary(req);
    const form = parseForm(rejoinSchema, req.body, req.t);
    // Refused on its own page, with the typed date and the reason, rather than a flash on the overview.
    const refuse = (errors: FieldErrors, formError: string) =>
      res.status(422).render('accompaniments/rejoin', {
        title: req.t('beneficiaries.rejoin.title', { name: beneficiary.name }),
        acc,
        beneficiary,
        values: { on_date: postedText(req.body?.on_date) },
        errors,
        formError,
      });
    if (!form.ok || beneficiary.status !== 'withdrawn') {
      return refuse(
        form.ok ? {} : form.errors,
        beneficiary.status !== 'withdrawn' ? req.t('beneficiaries.notWithdrawn') : req.t('form.hasErrors'),
      );
    }
    try {
      await write(req, async (w) => {
        await rejoinBeneficiary(w.trx, acc.id, beneficiary.organisation_id, form.data.on_date, currentUser(req).id);
        await w.audit({
          action: 'beneficiary.rejoin',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { organisation_id: beneficiary.organisation_id },
        });
      });
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return refuse(dateRefusalError(req, err), req.t('form.hasErrors'));
    }
    flash(req, 'success', req.t('beneficiaries.rejoined', { name: beneficiary.name }));
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });
}
