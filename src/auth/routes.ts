import type { Express, Request, RequestHandler, Response } from 'express';
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

/** What passport or the session store gave as an error, as an Error (they are Errors in practice). */
const asError = (err: unknown) => (err instanceof Error ? err : new Error('sign-in failed'));

/** The local strategy's verdict on the posted address and password: the user, or false. */
function checkPassword(passport: ReturnType<typeof createPassport>, req: Request, res: Response) {
  return new Promise<SessionUser | false>((resolve, reject) => {
    // passport types what authenticate() returns as any: it is the request handler of the strategy.
    const handler = passport.authenticate('local', (err: unknown, user: SessionUser | false) =>
      err ? reject(asError(err)) : resolve(user),
    ) as RequestHandler;
    void handler(req, res, reject);
  });
}

/** Opens the session: passport 0.7 regenerates its id here, so a planted id never becomes a login. */
function signIn(req: Request, user: SessionUser) {
  return new Promise<void>((resolve, reject) =>
    req.logIn(user, (err) => {
      if (err) return reject(asError(err));
      req.session.signedInAt = Date.now();
      resolve();
    }),
  );
}

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

  app.post('/login', async (req: Request, res: Response) => {
    const posted = postedForm(req);
    const values = { email: postedText(posted.email, 254), next: safeNext(posted.next, '') };
    const renderError = (status: number, message: string, errors: Record<string, string> = {}) =>
      renderLoginError(req, res, status, { values, errors, formError: message });
    const form = parseForm(loginSchema, req.body, req.t);
    if (!form.ok) return renderError(422, req.t('form.hasErrors'), form.errors);
    const ip = req.ip ?? 'unknown';
    const waitMs = await loginThrottle.attempt(ip, form.data.email);
    if (waitMs > 0) return renderError(429, req.t('login.throttled', { minutes: Math.ceil(waitMs / 60_000) }));
    const user = await checkPassword(passport, req, res);
    if (!user) {
      await write(req, (w) => recordLoginFailed(w, form.data.email));
      return renderError(401, req.t('login.failed'));
    }
    await signIn(req, user);
    await loginThrottle.succeed(ip, form.data.email);
    await write(req, (w) => recordLogin(w, user.id));
    res.redirect(safeNext(form.data.next, '/'));
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
