import pino, { Logger } from 'pino';

export type { Logger };

/** JSON lines in production; readable lines when a person is watching a terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && level !== 'silent' && canLoad('pino-pretty');
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  });
}

/**
 * One-time tokens travel in URLs (calendar feeds, password resets, invitations): whoever reads the
 * logs must not be able to replay them, so request logs keep the route and drop the token.
 */
export function redactTokens(url: string | undefined): string | undefined {
  return url?.replace(/^(\/(?:calendar|password\/reset|invitation)\/)[^/?#]+?(\.ics)?(?=[?#]|$)/, '$1[redacted]$2');
}

function canLoad(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
