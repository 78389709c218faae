import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { isDeferredUpload } from './uploads';

/**
 * Synchroniser-token CSRF protection: the token lives in the server-side session and every
 * form posts it back as `_csrf` (or the X-CSRF-Token header).
 */
const { csrfSynchronisedProtection, generateToken, isRequestValid, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
  // A multipart body is not parsed yet at this point: the upload routes declared in
  // src/platform/uploads.ts check the token themselves once the body is read. Any other
  // multipart post is still checked here, and refused (its token cannot be found).
  skipCsrfProtection: (req) => isDeferredUpload(req),
});

export const csrfProtection = csrfSynchronisedProtection;

/** For routes that parse their own body (uploads): the same check, after parsing. */
export function assertCsrf(req: Request) {
  if (!isRequestValid(req)) throw invalidCsrfTokenError;
}

/** Exposes the token to every view, creating it on first use. */
export function csrfLocals(req: Request, res: Response, next: NextFunction) {
  res.locals.csrfToken = generateToken(req);
  next();
}
