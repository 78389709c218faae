/**
 * When the database goes down mid-request, express-session fails to save the session after the
 * page went out and calls next(err) late. That error must not reach Express's final handler,
 * which would destroy the keep-alive socket and reset the browser's next request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { keepSocketOnLateSessionErrors } from '../../src/platform/session-store';

/** A stand-in for express-session: goes on, then reports a failed save once the response ended. */
const failingSaveAfterResponse: RequestHandler = (_req, res, next) => {
  res.on('finish', () => setImmediate(() => next(new Error('Connection terminated unexpectedly'))));
  next();
};

async function twoRequestsOnOneSocket(middleware: RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.status(503).send('Service momentanément indisponible');
  });
  const server = app.listen(0);
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<string>((resolve) => {
      http
        .get({ port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.statusCode)));
        })
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
  try {
    const first = await get();
    await new Promise((r) => setTimeout(r, 50)); // the late error has come and gone
    return [first, await get()];
  } finally {
    agent.destroy();
    server.close();
  }
}

// Without the guard Express's final handler destroys the socket; whether the client then sees a
// reset or quietly opens a new connection is a race, so only the guarded behaviour is asserted.
describe('a session save failing after the response', () => {
  it('leaves the connection open: the next request gets its answer', async () => {
    expect(await twoRequestsOnOneSocket(keepSocketOnLateSessionErrors(failingSaveAfterResponse))).toEqual([
      '503',
      '503',
    ]);
  });
});
