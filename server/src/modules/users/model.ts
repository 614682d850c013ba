import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '@jingkai/shared';

const userSchema = new Schema(
  {
    openid: { type: String, required: true },
    unionid: { type: String, default: null },
    roles: { type: [String], enum: ROLES, default: ['citizen'] },
    staffServiceIds: { type: [Schema.Types.ObjectId], default: [] },
    staffEventIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The 资讯管理 scope: pin, hide, publish and import articles. Absent on older rows: false. */
    staffNews: { type: Boolean, default: false },
    /** The 诉求办理 scope, per unit (REQUEST_UNITS). Absent on older rows: none. */
    staffRequestUnits: { type: [String], default: [] },
    nickname: { type: String, default: null },
    avatarUrl: { type: String, default: null },
    /** Personal data, encrypted with the Vault. */
    phoneEnc: { type: String, default: null },
    /** code2Session's session_key, encrypted; never leaves the server. */
    sessionKeyEnc: { type: String, default: null },
    /** Bumped to revoke every token issued before (role change, account deletion). */
    tokenVersion: { type: Number, default: 1 },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ openid: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = model('User', userSchema);

/**
 * The user of an openid, keyed by the openid itself: FerretDB v1 pushes only `_id` down, so a login
 * that asked `users` by openid read every user (2000 festival logins took ten minutes). The users'
 * unique openid index stays the arbiter of one account per openid; a key row is only a way to it,
 * written after the user and mended at login when it is missing or stale.
 */
const userKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'user_keys', versionKey: false },
);
export const UserKeyModel = model('UserKey', userKeySchema);

/**
 * The lowest token version still valid per user, written when a user's tokens are revoked (a role
 * change, account deletion). Every instance keeps them in memory, so citizens' requests need no user
 * read; rows older than the longest token life are swept.
 */
const tokenFloorSchema = new Schema(
  {
    userId: { type: String, required: true },
    ver: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'token_floors' },
);
tokenFloorSchema.index({ userId: 1 }, { unique: true });
export const TokenFloorModel = model('TokenFloor', tokenFloorSchema);
