import path from 'node:path';
import { z } from 'zod';

/** Project root, resolved so it is the same from src/ (tsx, jest) and dist/src/ (built). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
        .optional(),
    ),
    MAIL_FROM: z.string().min(3).default('Jalons <no-reply@jalons.local>'),
    BASE_URL: optionalString.pipe(z.url().optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    DEMO_SEED: z.enum(['auto', 'off']).default('auto'),
    STORAGE_DIR: z.string().min(1).default('./data/files'),
    UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(20),
    FOLLOW_UP_OFFSETS_MONTHS: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\s*,\s*\d{1,3})*$/, 'must be month counts separated by commas, e.g. 6,12,18')
      .default('6,12,18'),
    STALLED_AFTER_DAYS: z.coerce.number().int().min(7).max(3650).default(60),
    JOBS: z.enum(['on', 'off']).default('on'),
    BENCH_BASELINE: z.enum(['on', 'off']).default('off'),
    PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (the embedded database is for trying Jalons out)',
      });
    }
  });

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl?: string;
  pgliteDir: string;
  sessionSecret?: string;
  sessionIdleMinutes: number;
  /** A login session ends this long after sign-in, however active (beside the idle timeout). */
  sessionMaxHours: number;
  smtpUrl?: string;
  mailFrom: string;
  baseUrl: string;
  logLevel: string;
  trustProxy: boolean;
  demoSeed: 'auto' | 'off';
  /** Folder of uploaded files (local-disk storage). */
  storageDir: string;
  /** Largest accepted upload, in megabytes. */
  uploadMaxMb: number;
  /** Follow-up checkpoints, in months after close-out (DOMAIN.md: offsets are settings). */
  followUpOffsetsMonths: number[];
  /** An accompaniment with no recorded activity for this many days is flagged as stalled. */
  stalledAfterDays: number;
  /** Whether this process runs the scheduled jobs (daily reminders). */
  jobs: boolean;
  /** BENCH_BASELINE=on adds GET /bench/baseline, the reference page of `npm run bench` (never in real use). */
  benchBaseline: boolean;
  /** Named prepared statements on PostgreSQL (src/platform/prepared.ts); off behind a pooler that cannot keep them. */
  preparedStatements: boolean;
  /** scrypt cost as log2(N); lowered only by tests. */
  passwordCost: number;
};

export class ConfigError extends Error {}

/** Reads the environment once; a wrong value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: path.resolve(ROOT, e.PGLITE_DIR),
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    demoSeed: e.DEMO_SEED,
    storageDir: path.resolve(ROOT, e.STORAGE_DIR),
    uploadMaxMb: e.UPLOAD_MAX_MB,
    followUpOffsetsMonths: [...new Set(e.FOLLOW_UP_OFFSETS_MONTHS.split(',').map((m) => Number(m.trim())))].sort(
      (a, b) => a - b,
    ),
    stalledAfterDays: e.STALLED_AFTER_DAYS,
    jobs: e.JOBS === 'on',
    benchBaseline: e.BENCH_BASELINE === 'on',
    preparedStatements: e.PREPARED_STATEMENTS === 'on',
    passwordCost: 15,
  };
}
