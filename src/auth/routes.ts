import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { createPassport } from '../platform/auth/passport';
import type { SessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { parseForm, postedForm, postedText } from '../platform/forms';
import { safeNext } from '../platform/views';
import { recordLogin, recordLoginFailed } from './commands';
import { registerPasswordRoutes } from './password-routes';
import { loginSchema } from './schemas';

/** The sign-in page shown again with what went wrong: the address typed kept, never the password. */
const renderLoginError = (
  req: Request,
  res: Response,
  status: number,
  locals: { values: { email: string; next: string }; errors: Record<string, string>; formError: string },
) => res.status(status).render('auth/login', { title: req.t('login.title'), ...locals, notice: null });

export function registerAuth(app: Express, deps: Deps, passport: ReturnType<typeof createPassport>) {
  const { write, loginThrottle } = deps;

  app.get('/login', (req, res) => {
    if (req.user) return res.redirect('/');
    res.render('auth/login', {
      title: req.t('login.title'),
      values: { email: '', next: safeNext(req.query.next, '') },
      errors: {},
      notice: req.query.loggedOut ? req.t('login.loggedOut') : req.query.expired ? req.t('login.expired') : null,
    });
  });

  app.post('/login', async (req: Request, res: Response, next: NextFunction) => {
    const posted = postedForm(req);
    const values = { email: postedText(posted.email, 254), next: safeNext(posted.next, '') };
    const renderError = (status: number, message: string, errors: Record<string, string> = {}) =>
      renderLoginError(req, res, status, { values, errors, formError: message });
    const form = parseForm(loginSchema, req.body, req.t);
    if (!form.ok) return renderError(422, req.t('form.hasErrors'), form.errors);
    const ip = req.ip ?? 'unknown';
    const waitMs = await loginThrottle.attempt(ip, form.data.email);
    if (waitMs > 0) return renderError(429, req.t('login.throttled', { minutes: Math.ceil(waitMs / 60_000) }));
    // passport types what authenticate() returns as any: it is the request handler of the strategy.
    (
      passport.authenticate('local', (err: unknown, user: SessionUser | false) => {
        if (err) return next(err);
        if (!user) {
          write(req, (w) => recordLoginFailed(w, form.data.email))
            .then(() => renderError(401, req.t('login.failed')))
            .catch(next);
          return;
        }
        // passport 0.7 regenerates the session id here, so a planted id never becomes a login.
        req.logIn(user, (loginErr) => {
          if (loginErr) return next(loginErr);
          req.session.signedInAt = Date.now();
          loginThrottle
            .succeed(ip, form.data.email)
            .then(() => write(req, (w) => recordLogin(w, user.id)))
            .then(() => res.redirect(safeNext(form.data.next, '/')))
            .catch(next);
        });
      }) as RequestHandler
    )(req, res, next);
  });

  app.post('/logout', (req, res, next) => {
    const userId = req.user?.id;
    if (!userId) return res.redirect('/login');
    write(req, (w) => w.audit({ action: 'user.logout', entityType: 'user', entityId: userId }))
      .then(() =>
        req.logout((err) => {
          if (err) return next(err);
          req.session.destroy(() => {
            res.clearCookie('jalons.sid');
            res.redirect('/login?loggedOut=1');
          });
        }),
      )
      .catch(next);
  });

  registerPasswordRoutes(app, deps);
}
