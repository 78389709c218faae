import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { seed } from '../../seeds/demo';
import { buildApp } from '../../src/app';
import type { Config } from '../../src/config';
import type { Db } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';
import { testConfig } from './app';
import { createTestDatabase } from './db';

export type TestServer = { baseUrl: string; db: Db; close: () => Promise<void> };

/**
 * A real Jalons HTTP server for browser tests: a fresh migrated database with the demo data set
 * (every demo account, password 'jalons-demo'), listening on a free port of 127.0.0.1.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  try {
    await seed(database.db);
    const built = buildApp({
      db: database.db,
      config: testConfig(overrides),
      logger: createLogger('silent'),
      sessionSecret: 'e2e-secret-'.repeat(4),
    });
    const server: Server = await new Promise((resolve, reject) => {
      const s = built.app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db: database.db,
      close: async () => {
        // Browsers keep connections alive: drop them so close() does not wait for their timeout.
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
        await built.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
