import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { RELATIONS } from '@jingkai/shared';

/** People a citizen books for. Every personal field is encrypted; `idNumberHash` finds duplicates. */
const familySchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    relation: { type: String, required: true, enum: RELATIONS.map((r) => r.value) },
    nameEnc: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    phoneEnc: { type: String, default: null },
    addressEnc: { type: String, default: null },
    /** When and by whom consent (or, for a child, the guardian's consent) was recorded. */
    consentAt: { type: Date, required: true },
    guardian: { type: Boolean, default: false },
    /** `self:<owner>` for the account's own 本人 entry (one per account), `member:<owner>:<hash>` for the rest. */
    selfKey: { type: String, required: true },
  },
  { timestamps: true, collection: 'family_members' },
);
familySchema.index({ ownerId: 1, idNumberHash: 1 }, { unique: true });
familySchema.index({ selfKey: 1 }, { unique: true });

export type FamilyDoc = InferSchemaType<typeof familySchema> & { _id: Types.ObjectId };
export const FamilyModel = model('FamilyMember', familySchema);
