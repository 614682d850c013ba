import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Messages to send through WeChat, written in the same request as the change they announce and
 * sent later by one worker at a time. Nothing is dropped silently: every attempt's error stays on
 * the message, and a message that cannot be sent ends `failed` with its reason.
 */
const outboxSchema = new Schema(
  {
    /** Stable key so the same notice is never queued twice (e.g. `booking:<id>:reminder`). */
    dedupeKey: { type: String, required: true },
    kind: { type: String, required: true },
    openid: { type: String, required: true },
    templateId: { type: String, required: true },
    page: { type: String, default: null },
    data: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['pending', 'sent', 'failed', 'cancelled'] },
    sendAfter: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: Schema.Types.Mixed, default: null },
    attemptErrors: { type: [Schema.Types.Mixed], default: [] },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'outbox' },
);
outboxSchema.index({ dedupeKey: 1 }, { unique: true });
outboxSchema.index({ status: 1, sendAfter: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId };
export const OutboxModel = model('Outbox', outboxSchema);
