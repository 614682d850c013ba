import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

/** Append-only: the repo offers insert and read, nothing else. */
const auditSchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    detail: { type: Schema.Types.Mixed, default: {} },
    requestId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'audit_log', versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = model('Audit', auditSchema);
