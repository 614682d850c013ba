import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One 好差评 per item: `key` is `<kind>:<id>` (`booking:…`, `registration:…`, `request:…`), so a
 * second rating of the same item meets the unique index.
 */
const ratingSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, required: true, enum: ['booking', 'registration', 'request'] },
    subjectId: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    level: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String, default: null },
    /** The content check did not clear the comment (asked for a person, or did not answer): its follow-up waits for review. */
    commentHeld: { type: String, default: null, enum: ['review', 'unreachable', null] },
    serviceId: { type: String, default: null },
    siteId: { type: String, default: null },
    eventId: { type: String, default: null },
    followUpId: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { timestamps: true, collection: 'ratings' },
);
ratingSchema.index({ key: 1 }, { unique: true });
ratingSchema.index({ at: 1 });

export type RatingDoc = InferSchemaType<typeof ratingSchema> & { _id: Types.ObjectId };
export const RatingModel = model('Rating', ratingSchema);
