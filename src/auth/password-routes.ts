import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { findSessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { email, parseForm } from '../platform/forms';
import { isLocale } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../platform/password';
import { closeUserSessions } from '../platform/session-store';
import { flash } from '../platform/views';
import { resetMail } from './mails';
import { consumeToken, findValidToken, issueToken, TokenPurpose } from './tokens';

const forgotSchema = z.object({ email: email() });

export const newPasswordSchema = z
  .object({
    password: z
      .string({ error: 'validation.required' })
      .min(PASSWORD_MIN_LENGTH, { error: 'validation.passwordTooShort' })
      .max(200, { error: 'validation.tooLong' }),
    confirmation: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.password === v.confirmation, { path: ['confirmation'], error: 'validation.passwordMismatch' });

export function registerPasswordRoutes(app: Express, deps: Deps) {
  const { db, write, resetThrottle, config } = deps;

  app.get('/password/forgot', (req, res) => {
    res.render('auth/forgot', { title: req.t('forgot.title'), values: { email: '' }, errors: {} });
  });

  app.post('/password/forgot', async (req, res) => {
    const values = { email: String(req.body.email ?? '') };
    const form = parseForm(forgotSchema, req.body, req.t);
    if (!form.ok) {
      return res.status(422).render('auth/forgot', { title: req.t('forgot.title'), values, errors: form.errors, formError: req.t('form.hasErrors') });
    }
    const ip = req.ip ?? 'unknown';
    // Every request counts, successful or not, and is counted before anything is looked up.
    const waitMs = await resetThrottle.attempt(ip, form.data.email);
    if (waitMs > 0) {
      return res.status(429).render('auth/forgot', {
        title: req.t('forgot.title'),
        values,
        errors: {},
        formError: req.t('forgot.throttled', { minutes: Math.ceil(waitMs / 60_000) }),
      });
    }
    const user = await findSessionUser(db, { email: form.data.email });
    if (user && user.status === 'active') {
      await write(req, async (w) => {
        const { raw, expiresAt } = await issueToken(w.trx, user.id, 'reset');
        await enqueueMail(
          w.trx,
          resetMail({ to: user.email, locale: user.locale, name: user.name, link: `${config.baseUrl}/password/reset/${raw}`, expiresAt }),
        );
        await w.audit({ action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
      });
    }
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

  app.get(path, async (req, res) => {
    const token = await findValidToken(db, req.params.token, purpose);
    if (!token) return invalid(req, res);
    res.render(view, { title: req.t(titleKey), token: req.params.token, name: token.name, email: token.email, errors: {} });
  });

  app.post(path, async (req, res, next) => {
    const token = await findValidToken(db, req.params.token, purpose);
    if (!token) return invalid(req, res);
    const form = parseForm(newPasswordSchema, req.body, req.t);
    if (!form.ok) {
      return res.status(422).render(view, {
        title: req.t(titleKey),
        token: req.params.token,
        name: token.name,
        email: token.email,
        errors: form.errors,
        formError: req.t('form.hasErrors'),
      });
    }
    const hash = await hashPassword(form.data.password, config.passwordCost);
    const used = await write(req, async (w) => {
      // Two tabs posting the same link: the second finds the token used and changes nothing.
      if (!(await consumeToken(w.trx, token.id))) throw new TokenAlreadyUsed();
      await w.trx('users').where({ id: token.user_id }).update({
        password_hash: hash,
        status: 'active',
        updated_at: w.trx.fn.now(),
        ...(isLocale(req.locale) && purpose === 'invitation' ? { locale: req.locale } : {}),
      });
      // A new password closes every session opened with the old one.
      await closeUserSessions(w.trx, token.user_id);
      await w.audit({
        action: purpose === 'reset' ? 'user.password_reset' : 'user.invitation_accepted',
        entityType: 'user',
        entityId: token.user_id,
      });
      return true;
    }).catch((err) => {
      if (err instanceof TokenAlreadyUsed) return false;
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

class TokenAlreadyUsed extends Error {}
