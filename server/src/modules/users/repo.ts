import type { Role } from '@jingkai/shared';
import { UserModel, type UserDoc } from './model';
import { isDuplicateKey } from '../../db';

export type { UserDoc };

export async function findById(id: string): Promise<UserDoc | null> {
  return UserModel.findById(id).lean<UserDoc>();
}

export async function findByOpenid(openid: string): Promise<UserDoc | null> {
  return UserModel.findOne({ openid }).lean<UserDoc>();
}

/**
 * Finds or creates the user of an openid. A new user is inserted whole (FerretDB v1 drops null and
 * empty-array fields of an upsert's $setOnInsert); two first logins racing meet at the unique openid
 * index, and the loser updates the winner's row.
 */
export async function upsertOnLogin(openid: string, fields: { unionid?: string; sessionKeyEnc: string; at: Date; admin: boolean }) {
  const set: Record<string, unknown> = { sessionKeyEnc: fields.sessionKeyEnc, lastLoginAt: fields.at };
  if (fields.unionid) set.unionid = fields.unionid;
  if (!(await UserModel.exists({ openid }))) {
    try {
      await UserModel.create({ openid, roles: ['citizen'], ...set });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  await UserModel.updateOne({ openid }, { $set: set });
  if (fields.admin) await UserModel.updateOne({ openid, roles: { $ne: 'admin' } }, { $push: { roles: 'admin' } });
  return (await findByOpenid(openid))!;
}

export async function updateProfile(
  id: string,
  fields: { nickname?: string; avatarUrl?: string; phoneEnc?: string },
): Promise<UserDoc | null> {
  return UserModel.findByIdAndUpdate(id, { $set: fields }, { new: true }).lean<UserDoc>();
}

export async function setRoles(id: string, roles: Role[], staffServiceIds: string[], staffEventIds: string[]): Promise<UserDoc | null> {
  return UserModel.findByIdAndUpdate(
    id,
    { $set: { roles, staffServiceIds, staffEventIds }, $inc: { tokenVersion: 1 } },
    { new: true },
  ).lean<UserDoc>();
}

export async function deleteUser(id: string): Promise<void> {
  await UserModel.deleteOne({ _id: id });
}

export async function listUsers(skip: number, limit: number, filter: { role?: Role }) {
  const q = filter.role ? { roles: filter.role } : {};
  const [docs, total] = await Promise.all([
    UserModel.find(q).sort({ _id: -1 }).skip(skip).limit(limit).lean<UserDoc[]>(),
    UserModel.countDocuments(q),
  ]);
  return { docs, total };
}
