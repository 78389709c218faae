/** The operator's convention template: its clauses shown, and saved as a new version by its direction or admin. */
import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { formErrorOf, type FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { conventionTemplatePolicy } from './policy';
import { MAX_CLAUSES, parseTemplateForm, postedClauses } from './schemas';
import { type Clause, PLACEHOLDERS, templateInForce, templateVersions } from './template';
import { saveTemplate } from './template-commands';

export const TEMPLATE_PATH = '/settings/convention-template';

export function registerConventionTemplateRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const render = async (req: Request, res: Response, status: number, clauses?: Clause[], errors: FieldErrors = {}) => {
    const user = currentUser(req);
    const template = await templateInForce(db, user.organisation_id);
    res.status(status).render('conventions/template', {
      title: req.t('conventions.template.title'),
      template,
      versions: await templateVersions(db, user.organisation_id),
      canEdit: conventionTemplatePolicy.update(user),
      placeholders: PLACEHOLDERS,
      // Two empty rows to add clauses, within the maximum.
      clauses: [...(clauses ?? template.clauses), { title: '', text: '' }, { title: '', text: '' }].slice(
        0,
        MAX_CLAUSES + 2,
      ),
      errors,
      summary: Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form')),
      formError: formErrorOf(req.t, errors, errors._form),
    });
  };

  app.get(TEMPLATE_PATH, requireLogin, async (req, res) => {
    authorize(conventionTemplatePolicy.read(currentUser(req)));
    await render(req, res, 200);
  });

  app.post(TEMPLATE_PATH, requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(conventionTemplatePolicy.update(user));
    const posted = postedClauses(req.body as Record<string, unknown>);
    const form = parseTemplateForm(posted, req.t);
    if (!form.ok) return render(req, res, 422, posted, form.errors);
    const version = await write(req, (w) => saveTemplate(w, user.organisation_id, user.id, form.clauses));
    flash(req, 'success', req.t('conventions.template.saved', { version }));
    res.redirect(TEMPLATE_PATH);
  });
}
