import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { saveOperatorSettings } from './commands';
import { operatorSettingsPolicy } from './policy';
import { operatorSettingsSchema } from './schemas';
import { EXEMPTABLE_KINDS, operatorSettings, type OperatorSettings } from './settings';

/** The settings as the form shows them: the checklist one criterion per line. */
const formValues = (s: OperatorSettings) => ({
  eligibility_criteria: s.eligibility_criteria.join('\n'),
  intake_reminder_days: String(s.intake_reminder_days),
  committee_exempt_kinds: s.committee_exempt_kinds,
});

/** The posted values, to show back as typed when refused. */
const postedValues = (body: Record<string, unknown> | undefined) => {
  const kinds = body?.committee_exempt_kinds;
  return {
    eligibility_criteria: typeof body?.eligibility_criteria === 'string' ? body.eligibility_criteria : '',
    intake_reminder_days: typeof body?.intake_reminder_days === 'string' ? body.intake_reminder_days : '',
    committee_exempt_kinds: (Array.isArray(kinds) ? kinds : [kinds]).filter((k) => typeof k === 'string'),
  };
};

/** The operator's own settings: its direction and admin edit them, its coordinators read them. */
export function registerOperatorSettings(app: Express, deps: Deps) {
  const { db, write } = deps;

  const render = async (req: Request, res: Response, status: number, values?: object, errors: FieldErrors = {}) => {
    const user = currentUser(req);
    const settings = await operatorSettings(db, user.organisation_id);
    res.status(status).render('operator-settings/edit', {
      title: req.t('operatorSettings.title'),
      settings,
      canEdit: operatorSettingsPolicy.update(user),
      kinds: EXEMPTABLE_KINDS,
      values: values ?? formValues(settings),
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  app.get('/settings/operator', requireLogin, async (req, res) => {
    authorize(operatorSettingsPolicy.read(currentUser(req)));
    await render(req, res, 200);
  });

  app.post('/settings/operator', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(operatorSettingsPolicy.update(user));
    const form = parseForm(operatorSettingsSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, postedValues(req.body as Record<string, unknown>), form.errors);
    await write(req, (w) => saveOperatorSettings(w, user.organisation_id, form.data));
    flash(req, 'success', req.t('operatorSettings.saved'));
    res.redirect('/settings/operator');
  });
}
