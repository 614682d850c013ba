import type { Types } from 'mongoose';
import type { Role } from '@jingkai/shared';
import { TokenFloorModel, UserKeyModel, UserModel, type UserDoc } from './model';
import { isDuplicateKey } from '../../db';
import { TtlCache } from '../../lib/ttl-cache';

export type { UserDoc };

export async function findById(id: string): Promise<UserDoc | null> {
  return UserModel.findById(id).lean<UserDoc>();
}

export type AuthFields = Pick<
  UserDoc,
  '_id' | 'openid' | 'roles' | 'staffServiceIds' | 'staffEventIds' | 'staffNews' | 'staffRequestUnits' | 'tokenVersion'
>;

/**
 * What a staff or admin request checks (roles, scopes, token version), cached for two seconds per
 * instance. Every write here drops the entry, so a role change or deletion counts at once on this
 * instance and within two seconds on the others. (Citizens' tokens are checked against the floors.)
 */
const authCache = new TtlCache<AuthFields | null>(2_000, 50_000);
export function findForAuth(id: string): Promise<AuthFields | null> {
  return authCache.get(id, () =>
    UserModel.findById(id)
      .select('openid roles staffServiceIds staffEventIds staffNews staffRequestUnits tokenVersion')
      .lean<AuthFields>()
      .exec(),
  );
}

/**
 * Finds or creates the user of an openid, by `_id` reads only once the key row exists. A new user is
 * inserted whole (FerretDB v1 drops null and empty-array fields of an upsert's $setOnInsert); two
 * first logins racing meet at the unique openid index, and the loser takes the winner's row.
 */
export async function upsertOnLogin(openid: string, fields: { unionid?: string; sessionKeyEnc: string; at: Date; admin: boolean }) {
  const set: Record<string, unknown> = { sessionKeyEnc: fields.sessionKeyEnc, lastLoginAt: fields.at };
  if (fields.unionid) set.unionid = fields.unionid;
  const update = fields.admin ? { $set: set, $addToSet: { roles: 'admin' } } : { $set: set };
  const key = await UserKeyModel.findById(openid).lean<{ userId: Types.ObjectId }>();
  let user = key ? await UserModel.findByIdAndUpdate(key.userId, update, { new: true }).lean<UserDoc>() : null;
  if (!user) {
    // No key yet: a first login, an account from before the key rows, or a key left by a deletion
    // that stopped between its two writes. The insert tries first; only an account that already
    // exists costs the one scan of `users` by openid this openid will ever need.
    user = (await createUser(openid, { ...set, roles: fields.admin ? ['citizen', 'admin'] : ['citizen'] })) ?? null;
    if (!user) {
      const id = (await UserModel.findOne({ openid }).select('_id').lean<{ _id: Types.ObjectId }>())!._id;
      user = (await UserModel.findByIdAndUpdate(id, update, { new: true }).lean<UserDoc>())!;
    }
    await keyTo(openid, user._id);
  }
  authCache.delete(String(user._id));
  return user;
}

/** Points the openid's key row at its user; of two first logins writing it at once, one insert wins. */
async function keyTo(openid: string, userId: Types.ObjectId): Promise<void> {
  try {
    await UserKeyModel.replaceOne({ _id: openid }, { _id: openid, userId }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** Inserts the user of an openid; undefined when it exists already (the unique openid index says so). */
async function createUser(openid: string, fields: Record<string, unknown>): Promise<UserDoc | undefined> {
  try {
    return (await UserModel.create({ openid, ...fields })).toObject() as UserDoc;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return undefined;
  }
}

export async function updateProfile(
  id: string,
  fields: { nickname?: string; avatarUrl?: string; phoneEnc?: string },
): Promise<UserDoc | null> {
  authCache.delete(id);
  return UserModel.findByIdAndUpdate(id, { $set: fields }, { new: true }).lean<UserDoc>();
}

export interface StaffScopes {
  serviceIds: string[];
  eventIds: string[];
  news: boolean;
  requestUnits: string[];
}

export async function setRoles(id: string, roles: Role[], scopes: StaffScopes, now: Date): Promise<UserDoc | null> {
  try {
    const u = await UserModel.findByIdAndUpdate(
      id,
      {
        $set: {
          roles,
          staffServiceIds: scopes.serviceIds,
          staffEventIds: scopes.eventIds,
          staffNews: scopes.news,
          staffRequestUnits: scopes.requestUnits,
        },
        $inc: { tokenVersion: 1 },
      },
      { new: true },
    ).lean<UserDoc>();
    if (u) await raiseFloor(id, u.tokenVersion, now);
    return u;
  } finally {
    authCache.delete(id);
  }
}

/** Stops every token of the account at once (here; within two seconds on other instances). */
export async function revokeAll(id: string, now: Date): Promise<void> {
  await raiseFloor(id, DELETED, now);
  authCache.delete(id);
}

export async function deleteUser(id: string, now: Date): Promise<void> {
  try {
    await raiseFloor(id, DELETED, now);
    const user = await UserModel.findById(id).select('openid').lean<{ openid: string }>();
    await UserModel.deleteOne({ _id: id });
    if (user) await UserKeyModel.deleteOne({ _id: user.openid });
  } finally {
    authCache.delete(id);
  }
}

/** No token is ever at this version: the floor of a deleted account. */
const DELETED = 2 ** 31;
const floors = new Map<string, number>();
let floorsReadAt = 0;
let floorsReading: Promise<void> | undefined;
const FLOORS_FRESH_MS = 2_000;

/** `at` is on the injected clock, the one `sweepTokenFloors` measures token lives against. */
async function raiseFloor(userId: string, ver: number, at: Date): Promise<void> {
  await TokenFloorModel.updateOne({ userId }, { $set: { ver, at } }, { upsert: true });
  floors.set(userId, Math.max(floors.get(userId) ?? 0, ver));
}

/**
 * The lowest valid token version of a user, from memory refreshed every two seconds: a revocation
 * counts at once on the instance that made it and within two seconds on the others.
 */
export async function tokenFloor(userId: string): Promise<number> {
  if (Date.now() - floorsReadAt >= FLOORS_FRESH_MS) {
    floorsReading ??= TokenFloorModel.find({})
      .select('userId ver')
      .lean<{ userId: string; ver: number }[]>()
      .then((rows) => {
        floors.clear();
        for (const r of rows) floors.set(r.userId, r.ver);
        floorsReadAt = Date.now();
      })
      .finally(() => {
        floorsReading = undefined;
      });
    await floorsReading;
  }
  return floors.get(userId) ?? 0;
}

/** Floors older than the longest token life revoke nothing any more. */
export async function sweepTokenFloors(olderThan: Date): Promise<number> {
  return (await TokenFloorModel.deleteMany({ at: { $lt: olderThan }, ver: { $lt: DELETED } })).deletedCount;
}

export async function listUsers(skip: number, limit: number, filter: { role?: Role }) {
  const q = filter.role ? { roles: filter.role } : {};
  const [docs, total] = await Promise.all([
    UserModel.find(q).sort({ _id: -1 }).skip(skip).limit(limit).lean<UserDoc[]>(),
    UserModel.countDocuments(q),
  ]);
  return { docs, total };
}
