import { requestIdOf } from './audit';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message = '',
  ) {
    super(message || `HTTP ${status}`);
  }
}
export const notFound = () => new HttpError(404);
export const forbidden = () => new HttpError(403);

/** Connection-level failures of PostgreSQL: the page should say "try again", not "bug". */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string };
  if (!e) return false;
  if (
    e.code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(e.code)
  )
    return true;
  const msg = e.message ?? '';
  return (
    e.name === 'KnexTimeoutError' ||
    /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
      msg,
    )
  );
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

type TitleKey =
  | 'errors.403.title'
  | 'errors.404.title'
  | 'errors.500.title'
  | 'errors.503.title'
  | 'errors.400.title'
  | 'errors.413.title'
  | 'errors.415.title';
type Known = { status: number; titleKey: TitleKey; client?: boolean };

// What a client error page says, by status; any other 4xx says "bad request".
const CLIENT_TITLES: Record<number, TitleKey> = {
  400: 'errors.400.title',
  403: 'errors.403.title',
  404: 'errors.404.title',
  413: 'errors.413.title',
  415: 'errors.415.title',
};

function classify(err: unknown): Known {
  const e = err as { status?: number; statusCode?: number; code?: string; type?: string; expose?: boolean };
  if (err instanceof HttpError) {
    if (err.status === 403) return { status: 403, titleKey: 'errors.403.title' };
    if (err.status === 404) return { status: 404, titleKey: 'errors.404.title' };
    if (err.status === 400) return { status: 400, titleKey: 'errors.400.title' };
  }
  if (e?.code === 'EBADCSRFTOKEN' || (e?.statusCode === 403 && /csrf/i.test(String((err as Error).message)))) {
    return { status: 403, titleKey: 'errors.403.title' };
  }
  if (e?.code === 'LIMIT_FILE_SIZE') return { status: 413, titleKey: 'errors.413.title', client: true };
  // The body parsers' refusals (http-errors with expose): a malformed or oversized form
  // (400, 413 'entity.too.large' or 'parameters.too.many'), an unknown charset or
  // Content-Encoding (415). The sender's mistake, not ours: its status, a page, a warning.
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e?.expose !== false) {
    return { status, titleKey: CLIENT_TITLES[status] ?? 'errors.400.title', client: true };
  }
  if (isDatabaseUnavailable(err)) return { status: 503, titleKey: 'errors.503.title' };
  return { status: 500, titleKey: 'errors.500.title' };
}

/** French (or English) error pages with the request id; never a stack trace or SQL. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, titleKey, client } = classify(err);
    const log = (req as { log?: Logger }).log ?? logger;
    const msg = (err as Error)?.message;
    // Only our failures carry a stack at error level; anyone can send a bad request.
    if (status >= 500) log.error({ err, reqId: req.id }, 'request failed');
    else if (client) log.warn({ status, reqId: req.id, type: (err as { type?: string })?.type, msg }, 'client error');
    else log.info({ status, reqId: req.id, msg }, 'request refused');
    if (res.headersSent) return;
    if (status === 503) res.set('Retry-After', '10');
    res.status(status);
    const t = req.t ?? ((k: string) => k);
    const isCsrf =
      (err as { code?: string })?.code === 'EBADCSRFTOKEN' || /csrf/i.test(String((err as Error)?.message));
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: t(titleKey), requestId: req.id });
      return;
    }
    res.render('errors/error', {
      title: t(titleKey),
      status,
      explanation:
        isCsrf && status === 403 ? t('errors.csrf') : t(titleKey.replace('.title', '.text') as 'errors.404.text'),
      requestId: requestIdOf(req),
    });
  };
}
