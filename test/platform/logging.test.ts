import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { redactTokens } from '../../src/platform/logger';
import { testConfig } from '../support/app';
import { createTestDatabase } from '../support/db';

describe('request logs', () => {
  it('never contain the one-time tokens of calendar feeds, password resets and invitations', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await createTestDatabase();
    const built = buildApp({
      db: database.db,
      config: testConfig(),
      logger: pino({ level: 'info' }, sink),
      sessionSecret: 'log-secret-'.repeat(4),
    });
    try {
      const secrets = ['FeedTokenAbc123', 'ResetTokenDef456', 'InviteTokenGhi789'];
      await request(built.app).get(`/calendar/${secrets[0]}.ics`);
      await request(built.app).get(`/password/reset/${secrets[1]}?lang=fr`);
      await request(built.app).get(`/invitation/${secrets[2]}`);
      const logged = lines.join('');
      for (const s of secrets) expect(logged).not.toContain(s);
      expect(logged).toContain('/calendar/[redacted].ics');
      expect(logged).toContain('/password/reset/[redacted]?lang=fr');
      expect(logged).toContain('/invitation/[redacted]');
    } finally {
      await built.close();
      await database.close();
    }
  });

  it('leaves other addresses alone', () => {
    expect(redactTokens('/accompaniments/12/sessions?type=kickoff')).toBe('/accompaniments/12/sessions?type=kickoff');
    expect(redactTokens('/account/calendar')).toBe('/account/calendar');
  });
});
