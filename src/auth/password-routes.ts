import type { Express, Request, Response } from 'express';
import { findSessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, postedForm, postedText } from '../platform/forms';
import { isLocale } from '../platform/i18n';
import { hashPassword } from '../platform/password';
import { flash } from '../platform/views';
import { requestPasswordReset, setPasswordFromToken, TokenAlreadyUsed } from './commands';
import { forgotSchema, newPasswordSchema } from './schemas';
import { findValidToken, TokenPurpose, ValidToken } from './tokens';
import { UserStatusRefused } from '../users/lifecycle';

/** Kept here for the hostile tests' inventory, which reads the form's fields from it. */
export { newPasswordSchema };

export function registerPasswordRoutes(app: Express, deps: Deps) {
  const { db, write, resetThrottle, config } = deps;

  app.get('/password/forgot', (req, res) => {
    res.render('auth/forgot', { title: req.t('forgot.title'), values: { email: '' }, errors: {} });
  });

  const renderForgot = (
    req: Request,
    res: Response,
    status: number,
    locals: { values: { email: string }; errors: FieldErrors; formError: string },
  ) => res.status(status).render('auth/forgot', { title: req.t('forgot.title'), ...locals });

  app.post('/password/forgot', async (req, res) => {
    const values = { email: postedText(postedForm(req).email, 254) };
    const form = parseForm(forgotSchema, req.body, req.t);
    if (!form.ok)
      return renderForgot(req, res, 422, { values, errors: form.errors, formError: req.t('form.hasErrors') });
    // Every request counts, successful or not, and is counted before anything is looked up.
    const waitMs = await resetThrottle.attempt(req.ip ?? 'unknown', form.data.email);
    if (waitMs > 0) {
      const formError = req.t('forgot.throttled', { minutes: Math.ceil(waitMs / 60_000) });
      return renderForgot(req, res, 429, { values, errors: {}, formError });
    }
    const user = await findSessionUser(db, { email: form.data.email });
    if (user && user.status === 'active') await write(req, (w) => requestPasswordReset(w, user, config.baseUrl));
    // Same answer whether or not the account exists: the form must not reveal who has one.
    res.render('auth/forgot-sent', { title: req.t('forgot.title'), email: form.data.email });
  });

  registerTokenForm(app, deps, 'reset', '/password/reset/:token');
  registerTokenForm(app, deps, 'invitation', '/invitation/:token');
}

/** The page behind a one-time link: choose a password, then sign in. */
function registerTokenForm(app: Express, deps: Deps, purpose: TokenPurpose, path: string) {
  const { db, write, config } = deps;
  const view = purpose === 'reset' ? 'auth/reset' : 'auth/accept-invitation';
  const titleKey = purpose === 'reset' ? 'reset.title' : 'invitation.title';

  const invalid = (req: Request, res: Response) =>
    res.status(410).render('auth/link-invalid', { title: req.t('link.invalid.title'), purpose });

  const renderForm = (req: Request, res: Response, status: number, token: ValidToken, errors: FieldErrors) =>
    res.status(status).render(view, {
      title: req.t(titleKey),
      token: req.params.token,
      name: token.name,
      email: token.email,
      errors,
      ...(Object.keys(errors).length ? { formError: req.t('form.hasErrors') } : {}),
    });

  app.get(path, async (req, res) => {
    const token = await findValidToken(db, req.params.token, purpose);
    if (!token) return invalid(req, res);
    renderForm(req, res, 200, token, {});
  });

  app.post(path, async (req, res, next) => {
    const token = await findValidToken(db, req.params.token, purpose);
    if (!token) return invalid(req, res);
    const form = parseForm(newPasswordSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, token, form.errors);
    const hash = await hashPassword(form.data.password, config.passwordCost);
    const locale = isLocale(req.locale) ? req.locale : null;
    // Two tabs posting the same link: the second finds the token used and changes nothing; an account
    // whose status has no such move (an invitation link of an account already active) neither.
    const used = await write(req, (w) => setPasswordFromToken(w, token, purpose, hash, locale)).catch((err) => {
      if (err instanceof TokenAlreadyUsed || err instanceof UserStatusRefused) return false;
      throw err;
    });
    if (!used) return invalid(req, res);
    const user = await findSessionUser(db, { id: token.user_id });
    if (!user) return invalid(req, res);
    const { password_hash: _omit, ...sessionUser } = user;
    req.logIn(sessionUser, (err) => {
      if (err) return next(err);
      flash(req, 'success', req.t(purpose === 'reset' ? 'reset.done' : 'invitation.done'));
      res.redirect('/');
    });
  });
}
