import path from 'node:path';
import { ConfigError, loadConfig, ROOT } from '../../src/config';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('runs with nothing configured: port 3000, embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toBe(path.join(ROOT, 'data', 'pglite'));
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.trustProxy).toBe(false);
    expect(config.preparedStatements).toBe(true);
  });

  it('turns named prepared statements off for poolers that cannot keep them, and names a wrong value', () => {
    expect(loadConfig({ PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(false);
    expect(configError({ PREPARED_STATEMENTS: 'sometimes' }).message).toContain('PREPARED_STATEMENTS');
  });

  it('takes the values given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://jalons@db.example/jalons',
      SMTP_URL: 'smtp://mail.example:25',
      BASE_URL: 'https://jalons.example/',
      TRUST_PROXY: 'true',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://jalons@db.example/jalons');
    expect(config.smtpUrl).toBe('smtp://mail.example:25');
    expect(config.baseUrl).toBe('https://jalons.example');
    expect(config.trustProxy).toBe(true);
  });

  it('treats an empty variable as not set', () => {
    const config = loadConfig({ DATABASE_URL: '', SMTP_URL: '  ', SESSION_SECRET: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.sessionSecret).toBeUndefined();
  });

  it('stops on a port that is not a number, naming PORT', () => {
    for (const PORT of ['abc', '0', '70000', '80.5']) {
      const err = configError({ PORT });
      expect(err.message).toMatch(/\bPORT\b/);
    }
  });

  it('stops on a database URL that is not PostgreSQL, naming DATABASE_URL', () => {
    const err = configError({ DATABASE_URL: 'mysql://x' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain('postgres://');
  });

  it('stops in production without a session secret, naming SESSION_SECRET', () => {
    const err = configError({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/jalons' });
    expect(err.message).toContain('SESSION_SECRET');
    expect(err.message).not.toContain('DATABASE_URL');
    expect(
      configError({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/jalons', SESSION_SECRET: 'short' }).message,
    ).toContain('SESSION_SECRET');
    const ok = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/jalons',
      SESSION_SECRET: 's'.repeat(32),
    });
    expect(ok.env).toBe('production');
  });

  it('stops on a mail server URL that is not SMTP, naming SMTP_URL', () => {
    const err = configError({ SMTP_URL: 'http://x' });
    expect(err.message).toContain('SMTP_URL');
    expect(err.message).not.toContain('PORT');
  });

  it('names every wrong variable at once', () => {
    const err = configError({ PORT: 'abc', SMTP_URL: 'http://x', DATABASE_URL: 'mysql://x' });
    for (const name of ['PORT', 'SMTP_URL', 'DATABASE_URL']) expect(err.message).toContain(name);
  });
});
