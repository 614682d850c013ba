import type { Middleware } from 'koa';
import type { Role } from '@jingkai/shared';
import type { Deps } from '../deps';
import { forbidden, rateLimited, unauthenticated } from './errors';

/** Who is calling, as the handlers see it. */
export interface AuthUser {
  id: string;
  roles: Role[];
  staffServiceIds: string[];
  staffEventIds: string[];
  /** The 资讯管理 scope. */
  staffNews: boolean;
  /** The 诉求办理 scope: the units whose requests this staff member handles. */
  staffRequestUnits: string[];
}

/**
 * What the auth middleware reads about a user. The users module provides it through `Deps.accounts`,
 * so http/ stays below the modules and imports none of them.
 */
export interface AuthDirectory {
  /** Tokens of this user with a lower version are revoked (a role change, a deleted account). */
  tokenFloor(userId: string): Promise<number>;
  /** Roles, scopes and token version of a staff member or admin; null when the user is gone. */
  findForAuth(userId: string): Promise<{
    _id: unknown;
    roles: readonly string[];
    staffServiceIds: readonly unknown[];
    staffEventIds: readonly unknown[];
    staffNews?: boolean | null;
    staffRequestUnits?: readonly string[] | null;
    tokenVersion: number;
  } | null>;
}

declare module 'koa' {
  interface DefaultState {
    user: AuthUser;
    requestId: string;
  }
}

/**
 * Requires `Authorization: Bearer <token>`: a valid, unexpired token of a user that still exists and
 * whose token version has not moved on (a role change or account deletion revokes older tokens).
 * A citizen's token is checked against the revocation floors kept in memory, so the hot paths (a
 * booking rush) read no user row; staff and admin tokens read the user's roles and scopes (through
 * a two-second cache). Either way a revocation counts at once on this instance and within two
 * seconds on the others.
 */
export function requireUser(deps: Deps): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const m = /^Bearer ([A-Za-z0-9_\-.]{10,2048})$/.exec(header);
    if (!m) throw unauthenticated();
    const claims = await deps.tokens.verify(m[1]!);
    if (!claims || !/^[0-9a-f]{24}$/.test(claims.sub)) throw unauthenticated('登录已过期，请重新登录');
    if (claims.ver < (await deps.accounts.tokenFloor(claims.sub))) throw unauthenticated('登录已过期，请重新登录');
    if (claims.citizen) {
      ctx.state.user = {
        id: claims.sub,
        roles: ['citizen'],
        staffServiceIds: [],
        staffEventIds: [],
        staffNews: false,
        staffRequestUnits: [],
      };
    } else {
      const u = await deps.accounts.findForAuth(claims.sub);
      if (!u || u.tokenVersion !== claims.ver) throw unauthenticated('登录已过期，请重新登录');
      ctx.state.user = {
        id: String(u._id),
        roles: u.roles as Role[],
        staffServiceIds: u.staffServiceIds.map(String),
        staffEventIds: u.staffEventIds.map(String),
        staffNews: u.staffNews === true,
        staffRequestUnits: [...(u.staffRequestUnits ?? [])],
      };
    }
    await next();
  };
}

export function requireRole(...roles: Role[]): Middleware {
  return async (ctx, next) => {
    if (!roles.some((r) => ctx.state.user.roles.includes(r))) throw forbidden();
    await next();
  };
}

export const isAdmin = (u: AuthUser) => u.roles.includes('admin');

/** Staff of a service (or an event) may act on it; admins on everything. */
export function isStaffOf(u: AuthUser, target: { serviceId?: string; eventId?: string }): boolean {
  if (isAdmin(u)) return true;
  if (!u.roles.includes('staff')) return false;
  if (target.serviceId && u.staffServiceIds.includes(target.serviceId)) return true;
  if (target.eventId && u.staffEventIds.includes(target.eventId)) return true;
  return false;
}

/** Staff granted 资讯管理 may manage articles; admins always may. Other staff are staff of services or events only. */
export const mayManageNews = (u: AuthUser) => isAdmin(u) || (u.roles.includes('staff') && u.staffNews);

/** 403 FORBIDDEN unless the caller may manage articles (after `requireUser`). */
export const requireNewsScope: Middleware = async (ctx, next) => {
  if (!mayManageNews(ctx.state.user)) throw forbidden('您没有资讯管理权限，请联系管理员开通');
  await next();
};

/** Staff granted 诉求办理 (for any unit) handle requests; admins always may. */
export const handlesRequests = (u: AuthUser) => isAdmin(u) || (u.roles.includes('staff') && u.staffRequestUnits.length > 0);

/** 403 FORBIDDEN unless the caller handles requests (after `requireUser`). */
export const requireRequestsScope: Middleware = async (ctx, next) => {
  if (!handlesRequests(ctx.state.user)) throw forbidden('您没有诉求办理权限，请联系管理员开通');
  await next();
};

/** Per-person write limit: the real defence, since many citizens share one address behind carrier NAT. */
export function limitWritesPerPerson(deps: Deps): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      const d = await deps.limiter.hit(`w:${ctx.state.user.id}`, deps.config.writeLimitPerMinute, 60_000);
      if (!d.allowed) throw rateLimited(d.retryAfterSeconds);
    }
    await next();
  };
}
