import path from 'node:path';
import { z } from 'zod';
import { devKey, parseKeyList, type DataKeys } from './lib/crypto';
import { findRepoRoot } from './lib/repo-root';

/** The repository root, so defaults do not depend on the working directory (nor on src or dist). */
export const REPO_ROOT = findRepoRoot(__dirname);

const flag = z.enum(['0', '1']).transform((v) => v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: flag.optional(),
  WECHAT_API_BASE: z.url().optional(),
  BOOTSTRAP_ADMIN_OPENIDS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FERRETDB_BIN: z.string().optional(),
  H5_DIR: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(64),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120),
  DATA_ENCRYPTION_KEYS: z.string().optional(),
  DATA_HASH_KEY: z.string().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WRITE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  SUBSCRIBE_TEMPLATE_BOOKING_CONFIRMED: z.string().default('tmpl_booking_confirmed'),
  SUBSCRIBE_TEMPLATE_BOOKING_REMINDER: z.string().default('tmpl_booking_reminder'),
  SUBSCRIBE_TEMPLATE_BOOKING_CHANGED: z.string().default('tmpl_booking_changed'),
  SUBSCRIBE_TEMPLATE_EVENT_SIGNUP: z.string().default('tmpl_event_signup'),
  SUBSCRIBE_TEMPLATE_WAITLIST: z.string().default('tmpl_event_waitlist'),
  SUBSCRIBE_TEMPLATE_REQUEST_PROGRESS: z.string().default('tmpl_request_progress'),
  NO_SHOW_LIMIT: z.coerce.number().int().min(1).default(3),
  NO_SHOW_PAUSE_DAYS: z.coerce.number().int().min(1).default(30),
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(15),
  OA_APPID: z.string().optional(),
  OA_SECRET: z.string().optional(),
  OA_WEB_BASE: z.url().optional(),
  NEWS_SYNC_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  NEWS_IMAGE_HOSTS: z.string().default('mmbiz.qpic.cn,mmbiz.qlogo.cn'),
  TICKET_SIGNING_KEYS: z.string().optional(),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
});

export interface Config {
  /** Uploaded avatars; a shared volume (or object storage) when several instances run. */
  avatarDir: string;
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  wechatApiBase: string;
  bootstrapAdminOpenids: string[];
  rateLimitPerIpPerMinute: number;
  logLevel: string;
  ferretdbBin: string;
  h5Dir: string;
  /** Browser origins allowed to call the API; `*` (any) only outside production, none by default in it. */
  corsOrigins: string[] | '*';
  /** Proxies in front of the server; 0 ignores X-Forwarded-For, N trusts its N right-most hops. */
  trustedProxies: number;
  bodyLimitKb: number;
  wechat: { appid: string; secret: string };
  /** Development and tests without WeChat credentials: the server runs the local stand-in itself. */
  startWechatStandin: boolean;
  authTokenSecret: Buffer;
  authTokenTtlMinutes: number;
  dataKeys: DataKeys;
  redisUrl: string | undefined;
  loginLimitPerMinute: number;
  writeLimitPerMinute: number;
  subscribeTemplates: {
    bookingConfirmed: string;
    bookingReminder: string;
    bookingChanged: string;
    eventSignup: string;
    waitlist: string;
    /** 诉求: accepted, replied, a follow-up opened. */
    requestProgress: string;
  };
  noShow: { limit: number; pauseDays: number };
  outboxIntervalSeconds: number;
  /** The official account the news mirror follows; null when no credentials are set in production. */
  officialAccount: { appid: string; secret: string } | null;
  /** Where the official account's article pages live (mp.weixin.qq.com), for links staff paste. */
  oaWebBase: string;
  /** Minutes between news syncs; 0 turns the scheduled sync off. */
  newsSyncMinutes: number;
  /** How long a pending Idempotency-Key belongs to the request that wrote it; after that a retry takes it over. */
  idempotencyLeaseMs: number;
  /** Ed25519 seeds of the e-ticket keys, `id:base64`; the first signs, all verify. */
  ticketKeys: { id: string; key: Buffer }[];
  /** Mirrored article images; a shared volume (or object storage) when several instances run. */
  mediaDir: string;
  /** Hosts whose images a sync may mirror, besides the WeChat bases themselves. */
  newsImageHosts: string[];
}

/** WeChat's real server API; outside production the local stand-in replaces it. */
export const WECHAT_REAL_API_BASE = 'https://api.weixin.qq.com';

/**
 * Parses the environment once. Throws a ConfigError listing every bad variable, so `main.ts`
 * can exit with a readable message instead of failing later on a half-read value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const missing = [
      'WECHAT_APPID',
      'WECHAT_SECRET',
      'AUTH_TOKEN_SECRET',
      'DATA_ENCRYPTION_KEYS',
      'DATA_HASH_KEY',
      'TICKET_SIGNING_KEYS',
      'MONGODB_URI',
    ].filter((k) => !e[k as keyof typeof e]);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required in production`).join('\n')}`);
  }
  const corsOrigins = parseCorsOrigins(e.CORS_ORIGINS ?? (production ? '' : '*'));
  if (production && corsOrigins === '*')
    throw new ConfigError(
      'Invalid configuration:\n  CORS_ORIGINS: `*` is not allowed in production; list the browser origins (comma-separated) or leave it empty for none',
    );
  let encryption;
  try {
    encryption = e.DATA_ENCRYPTION_KEYS ? parseKeyList(e.DATA_ENCRYPTION_KEYS) : [{ id: 'dev', key: devKey('data') }];
    if (encryption.some((k) => k.key.length !== 32)) throw new Error('each key must be 32 bytes, base64');
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  DATA_ENCRYPTION_KEYS: ${(err as Error).message}`);
  }
  let ticketKeys;
  try {
    ticketKeys = e.TICKET_SIGNING_KEYS ? parseKeyList(e.TICKET_SIGNING_KEYS) : [{ id: 'dev', key: devKey('ticket') }];
    if (ticketKeys.some((k) => k.key.length !== 32 || !/^[A-Za-z0-9_-]{1,16}$/.test(k.id))) {
      throw new Error('each key is "id:base64" with an id of 1-16 letters or digits and a 32-byte Ed25519 seed');
    }
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  TICKET_SIGNING_KEYS: ${(err as Error).message}`);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.DATA_DIR),
    avatarDir: path.join(path.resolve(e.DATA_DIR), 'avatars'),
    seedDemo: e.SEED_DEMO ?? !production,
    wechatApiBase: (e.WECHAT_API_BASE ?? (production ? WECHAT_REAL_API_BASE : 'http://127.0.0.1:3100')).replace(/\/$/, ''),
    bootstrapAdminOpenids: e.BOOTSTRAP_ADMIN_OPENIDS,
    rateLimitPerIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    ferretdbBin: e.FERRETDB_BIN ?? path.join(REPO_ROOT, '.tools/bin/ferretdb'),
    h5Dir: path.resolve(e.H5_DIR ?? path.join(REPO_ROOT, 'miniapp/dist/h5')),
    corsOrigins,
    trustedProxies: e.TRUSTED_PROXIES,
    bodyLimitKb: e.BODY_LIMIT_KB,
    wechat: { appid: e.WECHAT_APPID ?? 'wx_dev_appid', secret: e.WECHAT_SECRET ?? 'dev_secret' },
    startWechatStandin: !production && !e.WECHAT_API_BASE && !e.WECHAT_APPID,
    authTokenSecret: e.AUTH_TOKEN_SECRET ? Buffer.from(e.AUTH_TOKEN_SECRET) : devKey('auth-token'),
    authTokenTtlMinutes: e.AUTH_TOKEN_TTL_MINUTES,
    dataKeys: { encryption, hashKey: e.DATA_HASH_KEY ? Buffer.from(e.DATA_HASH_KEY, 'base64') : devKey('hash') },
    redisUrl: e.REDIS_URL,
    loginLimitPerMinute: e.LOGIN_LIMIT_PER_MINUTE,
    writeLimitPerMinute: e.WRITE_LIMIT_PER_MINUTE,
    subscribeTemplates: {
      bookingConfirmed: e.SUBSCRIBE_TEMPLATE_BOOKING_CONFIRMED,
      bookingReminder: e.SUBSCRIBE_TEMPLATE_BOOKING_REMINDER,
      bookingChanged: e.SUBSCRIBE_TEMPLATE_BOOKING_CHANGED,
      eventSignup: e.SUBSCRIBE_TEMPLATE_EVENT_SIGNUP,
      waitlist: e.SUBSCRIBE_TEMPLATE_WAITLIST,
      requestProgress: e.SUBSCRIBE_TEMPLATE_REQUEST_PROGRESS,
    },
    noShow: { limit: e.NO_SHOW_LIMIT, pauseDays: e.NO_SHOW_PAUSE_DAYS },
    outboxIntervalSeconds: e.OUTBOX_INTERVAL_SECONDS,
    officialAccount:
      e.OA_APPID && e.OA_SECRET
        ? { appid: e.OA_APPID, secret: e.OA_SECRET }
        : production
          ? null
          : { appid: 'wx_dev_oa_appid', secret: 'dev_oa_secret' },
    oaWebBase: (e.OA_WEB_BASE ?? (production || e.WECHAT_API_BASE ? 'https://mp.weixin.qq.com' : 'http://127.0.0.1:3100')).replace(
      /\/$/,
      '',
    ),
    newsSyncMinutes: e.NEWS_SYNC_MINUTES,
    idempotencyLeaseMs: e.IDEMPOTENCY_LEASE_SECONDS * 1000,
    ticketKeys,
    mediaDir: path.join(path.resolve(e.DATA_DIR), 'media'),
    newsImageHosts: e.NEWS_IMAGE_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  };
}

/** `*` anywhere in the list means any origin; empty entries are dropped, so "" is none. */
function parseCorsOrigins(raw: string): string[] | '*' {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.includes('*') ? '*' : list;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
