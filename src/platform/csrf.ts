import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';

/**
 * CSRF protection by a signed double-submit token (csrf-csrf): every form posts back as `_csrf`
 * (or the X-CSRF-Token header) the token also held in the `jalons.csrf` cookie, and the token is
 * an HMAC with the session secret, bound to the login session when there is one. Nothing is
 * stored server-side, so a visitor who has not signed in (the login and password forms) gets no
 * session row: a session is created at login only.
 */
export const CSRF_COOKIE = 'jalons.csrf';

const { doubleCsrfProtection, generateCsrfToken, validateRequest, invalidCsrfTokenError } = doubleCsrf({
  getSecret: (req) => (req?.app.locals.csrfSecret as string | undefined) ?? '',
  // Signed in: the token only holds for this login session. Before login there is no session.
  getSessionIdentifier: (req) => (req.user ? req.sessionID : ''),
  cookieName: CSRF_COOKIE,
  cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: false },
  getCsrfTokenFromRequest: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? req.headers['x-csrf-token'],
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

/**
 * The check on every state-changing request, except those `checkedByRoute` says their route checks
 * itself: a multipart body is not parsed yet at this point, so the upload routes (declared with
 * uploadRoute, src/platform/uploads.ts) call assertCsrf once they have read it. Any other multipart
 * post is still checked here, and refused (its token cannot be found).
 */
export function csrfProtection(checkedByRoute: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction) =>
    checkedByRoute(req) ? next() : doubleCsrfProtection(req, res, next);
}

/** For routes that parse their own body (uploads): the same check, after parsing. */
export function assertCsrf(req: Request) {
  if (!validateRequest(req)) throw invalidCsrfTokenError;
}

/** Exposes the token to every view; the cookie is (re)issued when missing or no longer valid. */
export function csrfLocals(req: Request, res: Response, next: NextFunction) {
  res.locals.csrfToken = generateCsrfToken(req, res, {
    cookieOptions: { secure: req.app.locals.secureCookies === true },
  });
  next();
}
