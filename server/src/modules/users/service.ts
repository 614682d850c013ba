import { maskPhone, type MeUser, type Role } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, notFound, validationError } from '../../http/errors';
import { toIso } from '../../lib/time';
import { WechatError } from '../../wechat/client';
import * as family from '../family/service';
import * as familyRepo from '../family/repo';
import * as repo from './repo';
import * as bookingsRepo from '../bookings/repo';

export function present(deps: Deps, u: repo.UserDoc): MeUser {
  return {
    id: String(u._id),
    nickname: u.nickname ?? null,
    avatarUrl: u.avatarUrl ?? null,
    phone: u.phoneEnc ? maskPhone(deps.vault.decrypt(u.phoneEnc)) : null,
    roles: u.roles as Role[],
    staffScopes: { serviceIds: u.staffServiceIds.map(String), eventIds: u.staffEventIds.map(String) },
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
    if (e instanceof WechatError) throw new AppError(503, 'WECHAT_UNAVAILABLE');
    throw e;
  }
  const u = await repo.updateProfile(id, { phoneEnc: deps.vault.encrypt(info.purePhoneNumber) });
  if (!u) throw notFound();
  return present(deps, u);
}

/** Everything held about me, readable, with personal numbers masked as in every other answer. */
export async function exportData(deps: Deps, id: string) {
  const u = await load(id);
  const members = await familyRepo.list(id);
  return {
    exportedAt: toIso(deps.now()),
    account: { ...present(deps, u), createdAt: toIso(u.createdAt), lastLoginAt: u.lastLoginAt ? toIso(u.lastLoginAt) : null },
    familyMembers: members.map((m) => family.present(deps, m)),
    notes: [
      '身份证号、手机号和地址在我们的数据库中加密保存，导出时按规定隐去部分数字。',
      '微信登录只保存您的 openid，不保存微信密码或聊天记录。',
    ],
  };
}

/** 注销账号: deletes my personal data and family members; past bookings remain only anonymised. */
export async function deleteAccount(
  id: string,
  now: Date,
): Promise<{ deleted: { familyMembers: number }; anonymised: { bookings: number } }> {
  await load(id);
  const familyMembers = await familyRepo.removeAll(id);
  const bookings = await bookingsRepo.anonymiseUser(id);
  await repo.deleteUser(id, now);
  return { deleted: { familyMembers }, anonymised: { bookings } };
}
