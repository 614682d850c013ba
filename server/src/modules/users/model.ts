import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '@jingkai/shared';

const userSchema = new Schema(
  {
    openid: { type: String, required: true },
    unionid: { type: String, default: null },
    roles: { type: [String], enum: ROLES, default: ['citizen'] },
    staffServiceIds: { type: [Schema.Types.ObjectId], default: [] },
    staffEventIds: { type: [Schema.Types.ObjectId], default: [] },
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
