import { AVATAR_PATH, isRequestUnit, maskPhone, type AccountDeleted, type MeUser, type MyData, type Role } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, notFound, validationError } from '../../http/errors';
import { toIso } from '../../lib/time';
import { WechatError } from '../../wechat/client';
import * as family from '../family';
import * as repo from './repo';
import { isStoredAvatar } from './avatar';
import { anonymiseUser, cancelFutureOfUser, exportMine } from '../bookings';
import * as outbox from '../outbox';
import { exportRegistrationsOf, forgetUserRegistrations } from '../events';
import { exportRequestsOf, forgetUserRequests } from '../requests';
import type { AuthUser } from '../../http/auth';

export function present(deps: Deps, u: repo.UserDoc): MeUser {
  return {
    id: String(u._id),
    nickname: u.nickname ?? null,
    // Rows written before avatars were checked may hold an address elsewhere: never hand it out.
    avatarUrl: u.avatarUrl && AVATAR_PATH.test(u.avatarUrl) ? u.avatarUrl : null,
    phone: u.phoneEnc ? maskPhone(deps.vault.decrypt(u.phoneEnc)) : null,
    roles: u.roles as Role[],
    staffScopes: {
      serviceIds: u.staffServiceIds.map(String),
      eventIds: u.staffEventIds.map(String),
      news: u.staffNews === true,
      requestUnits: (u.staffRequestUnits ?? []).filter(isRequestUnit),
    },
  };
}

async function load(id: string): Promise<repo.UserDoc> {
  const u = await repo.findById(id);
  if (!u) throw notFound();
  return u;
}

export async function me(deps: Deps, id: string): Promise<MeUser> {
  return present(deps, await load(id));
}

export async function updateProfile(deps: Deps, id: string, patch: { nickname?: string; avatarUrl?: string }): Promise<MeUser> {
  if (patch.avatarUrl !== undefined && !(await isStoredAvatar(deps.config.avatarDir, patch.avatarUrl)))
    throw validationError({ avatarUrl: '没有找到这张头像，请重新上传' });
  if (patch.nickname) {
    const u = await load(id);
    const suggest = await deps.wechat.msgSecCheck(u.openid, patch.nickname, 1);
    if (suggest !== 'pass') throw validationError({ nickname: '昵称含有不合适的内容，请换一个' });
  }
  const u = await repo.updateProfile(id, patch);
  if (!u) throw notFound();
  return present(deps, u);
}

/** Exchanges a getPhoneNumber code on the server; the number is stored encrypted and answered masked. */
export async function bindPhone(deps: Deps, id: string, code: string): Promise<MeUser> {
  let info;
  try {
    info = await deps.wechat.getPhoneNumber(code);
  } catch (e) {
    if (e instanceof WechatError && e.errcode === 40029) throw validationError({ code: '手机号凭证无效，请重新获取' });
    if (e instanceof WechatError) throw AppError.of('WECHAT_UNAVAILABLE');
    throw e;
  }
  const u = await repo.updateProfile(id, { phoneEnc: deps.vault.encrypt(info.purePhoneNumber) });
  if (!u) throw notFound();
  return present(deps, u);
}

/**
 * Everything held about me, readable, with personal numbers masked as in every other answer: the
 * account, family members, bookings, event registrations and 诉求, each as the person's own pages
 * show them.
 */
export async function exportData(deps: Deps, user: AuthUser): Promise<MyData> {
  const u = await load(user.id);
  const [members, bookings, registrations, requests] = await Promise.all([
    family.list(deps, user.id),
    exportMine({ deps, user }),
    exportRegistrationsOf(deps, user.id),
    exportRequestsOf(deps, user.id),
  ]);
  return {
    exportedAt: toIso(deps.now()),
    account: { ...present(deps, u), createdAt: toIso(u.createdAt), lastLoginAt: u.lastLoginAt ? toIso(u.lastLoginAt) : null },
    familyMembers: members.items,
    bookings,
    registrations,
    requests,
    notes: [
      '身份证号、手机号和地址在我们的数据库中加密保存，导出时按规定隐去部分数字。',
      '微信登录只保存您的 openid，不保存微信密码或聊天记录。',
      '预约记录与「我的预约」一致，活动报名与「我的报名」一致，诉求与「我的诉求」一致，都含已取消或已完成的。',
    ],
  };
}

/**
 * 注销账号: future bookings and event places are cancelled (their seats go back, the waitlist moves),
 * messages still waiting for the person are dropped, personal data and family members are deleted;
 * past bookings, registrations and 诉求 remain only anonymised, for the statistics.
 */
/**
 * How long a request that passed its token check before the account was revoked may still be on its
 * way (and another instance takes to see the revocation): the second pass comes after it.
 */
export const IN_FLIGHT_MS = 2_500;

export async function deleteAccount(deps: Deps, id: string): Promise<AccountDeleted> {
  const u = await load(id);
  // Tokens first, so nothing new starts; then two passes, the second after whatever was already
  // in flight has landed (a booking written during the first pass is cancelled by the second).
  await repo.revokeAll(id, deps.now());
  const pass = async () => {
    const cancelled = await cancelFutureOfUser(deps, id);
    const events = await forgetUserRegistrations(deps, id);
    return {
      cancelled,
      registrationsCancelled: events.cancelled,
      messages: await outbox.dropPendingFor(u.openid),
      bookings: await anonymiseUser(id),
      registrations: events.anonymised,
      requests: await forgetUserRequests(deps, id),
    };
  };
  const first = await pass();
  const familyMembers = await family.removeAll(id);
  await new Promise((r) => setTimeout(r, IN_FLIGHT_MS));
  const second = await pass();
  await repo.deleteUser(id, deps.now());
  return {
    deleted: { familyMembers, messages: first.messages + second.messages },
    cancelled: {
      bookings: first.cancelled + second.cancelled,
      registrations: first.registrationsCancelled + second.registrationsCancelled,
    },
    anonymised: {
      bookings: first.bookings + second.bookings,
      registrations: first.registrations + second.registrations,
      requests: first.requests + second.requests,
    },
  };
}
