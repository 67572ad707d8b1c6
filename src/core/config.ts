import { resolve } from 'node:path';

/**
 * Configuration from the environment (and CLI flags, which override). The whole table is in
 * README.md; keep the two in step.
 */
export type Config = {
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server. */
  databaseUrl: string | null;
  /** StoreOps data directory: PGlite's database in `pgdata/`, uploads, the lock file. */
  dataDir: string;
  host: string;
  port: number;
  /** Set Secure on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** Idle session lifetime. */
  sessionTtlHours: number;
  /** Login attempts per minute per address. */
  loginRateLimit: number;
  /** Largest JSON body accepted, bytes. */
  bodyLimit: number;
  /** Largest uploaded file, bytes. */
  uploadLimit: number;
  /** Where uploads are streamed before import. */
  uploadDir: string;
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.STOREOPS_DATA ?? './data');
  const cfg: Config = {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 3000),
    secureCookies: env.STOREOPS_SECURE_COOKIES === '1' || env.STOREOPS_SECURE_COOKIES === 'true',
    trustProxy: env.STOREOPS_TRUST_PROXY === '1' || env.STOREOPS_TRUST_PROXY === 'true',
    sessionTtlHours: int(env.STOREOPS_SESSION_TTL_HOURS, 24 * 7),
    loginRateLimit: int(env.STOREOPS_LOGIN_RATE_LIMIT, 10),
    bodyLimit: int(env.STOREOPS_BODY_LIMIT, 1024 * 1024),
    uploadLimit: int(env.STOREOPS_UPLOAD_LIMIT, 1024 * 1024 * 1024),
    uploadDir: resolve(env.STOREOPS_UPLOADS ?? resolve(dataDir, 'uploads')),
    logLevel: env.LOG_LEVEL ?? 'warn',
    ...overrides,
  };
  if (overrides.dataDir && !overrides.uploadDir && !env.STOREOPS_UPLOADS)
    cfg.uploadDir = resolve(cfg.dataDir, 'uploads');
  return cfg;
}

function int(v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : dflt;
}
