import type { Config } from './config';
import type { AuthDirectory } from './http/auth';
import type { Logger } from './logger';
import { Vault } from './lib/crypto';
import { TicketSigner } from './lib/tickets';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './lib/rate-limit';
import { TokenService } from './lib/token';
import { WechatClient } from './wechat/client';
import * as users from './modules/users';
import { SeatCounts } from './modules/capacity';

/** What the modules need beyond the database, built once per app and injectable in tests. */
export interface Deps {
  config: Config;
  logger: Logger;
  vault: Vault;
  tickets: TicketSigner;
  tokens: TokenService;
  wechat: WechatClient;
  /** The official account's API client (its own appid and token); null when it is not configured. */
  officialAccount: WechatClient | null;
  limiter: RateLimiter;
  /** Who a token belongs to, for the auth middleware (the users module). */
  accounts: AuthDirectory;
  now: () => Date;
  /** This instance's memory of places taken, for the slot list and the event detail. */
  seatCounts: SeatCounts;
}

export function createDeps(config: Config, logger: Logger, overrides: Partial<Deps> = {}): Deps {
  // The one place the wall clock becomes "now": everything below takes it from here; tests pin it.
  const now = overrides.now ?? (() => new Date());
  return {
    config,
    logger,
    now,
    vault: overrides.vault ?? new Vault(config.dataKeys),
    tickets: overrides.tickets ?? new TicketSigner(config.ticketKeys),
    tokens: overrides.tokens ?? new TokenService(config.authTokenSecret, config.authTokenTtlMinutes, now),
    wechat:
      overrides.wechat ?? new WechatClient({ baseUrl: config.wechatApiBase, appid: config.wechat.appid, secret: config.wechat.secret }),
    officialAccount:
      overrides.officialAccount !== undefined
        ? overrides.officialAccount
        : config.officialAccount
          ? new WechatClient({ baseUrl: config.wechatApiBase, ...config.officialAccount, timeoutMs: 10_000 })
          : null,
    limiter: overrides.limiter ?? (config.redisUrl ? new RedisRateLimiter(config.redisUrl) : new MemoryRateLimiter()),
    seatCounts: overrides.seatCounts ?? new SeatCounts(),
    accounts: overrides.accounts ?? { tokenFloor: users.tokenFloor, findForAuth: users.findForAuth },
  };
}
