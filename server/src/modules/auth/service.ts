import type { LoginResult, Role } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, rateLimited } from '../../http/errors';
import { toIso } from '../../lib/time';
import { WechatError } from '../../wechat/client';
import * as users from '../users';

/**
 * Exchanges a wx.login code through code2Session, finds or creates the user, and answers with our
 * own token. The session_key is stored encrypted and never returned or logged.
 */
export async function login(deps: Deps, code: string): Promise<LoginResult> {
  let session;
  try {
    session = await deps.wechat.code2Session(code);
  } catch (e) {
    if (e instanceof WechatError && [40029, 40163, 40226].includes(e.errcode)) throw AppError.of('INVALID_LOGIN_CODE');
    if (e instanceof WechatError) {
      deps.logger.warn({ errcode: e.errcode }, 'code2Session failed');
      throw AppError.of('WECHAT_UNAVAILABLE');
    }
    throw e;
  }
  const d = await deps.limiter.hit(`login:${session.openid}`, deps.config.loginLimitPerMinute, 60_000);
  if (!d.allowed) throw rateLimited(d.retryAfterSeconds);

  const u = await users.upsertOnLogin(session.openid, {
    unionid: session.unionid,
    sessionKeyEnc: deps.vault.encrypt(session.sessionKey),
    at: deps.now(),
    admin: deps.config.bootstrapAdminOpenids.includes(session.openid),
  });
  const roles = u.roles as Role[];
  const { token, expiresAt } = await deps.tokens.sign({
    sub: String(u._id),
    ver: u.tokenVersion,
    citizen: roles.every((r) => r === 'citizen'),
  });
  return { token, expiresAt: toIso(expiresAt), user: { id: String(u._id), roles } };
}
