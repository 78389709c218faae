import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection: the token lives in the server-side session and every
 * form posts it back as `_csrf` (or the X-CSRF-Token header).
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export const csrfProtection = csrfSynchronisedProtection;

/** Exposes the token to every view, creating it on first use. */
export function csrfLocals(req: Request, res: Response, next: NextFunction) {
  res.locals.csrfToken = generateToken(req);
  next();
}
