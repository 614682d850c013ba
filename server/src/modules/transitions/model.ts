import { model, Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * One row per exit from a state: `key` is `<subject>#<from>`, so however many requests race to move
 * a booking out of `confirmed`, the unique index lets exactly one row in. The winner then applies the
 * change (`patch`) to the subject and marks the row `applied`; a sweeper applies rows whose winner
 * died in between.
 */
const transitionSchema = new Schema(
  {
    /**
     * The key again (FerretDB v1 finds a row by `_id` without reading the others; by `key` it reads
     * them all). Rows written before carry an ObjectId and are found by `key`.
     */
    _id: { type: String, default: () => new Types.ObjectId().toHexString() },
    key: { type: String, required: true },
    subject: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    /** Who made the change: `citizen`, `staff`, `system`; never a name or an id number. */
    by: { type: String, required: true },
    /** The fields the change writes to the subject, as JSON. */
    patch: { type: String, required: true },
    at: { type: Date, required: true },
    applied: { type: Boolean, required: true },
  },
  { timestamps: true, collection: 'transitions' },
);
transitionSchema.index({ key: 1 }, { unique: true });
transitionSchema.index({ applied: 1, at: 1 });
transitionSchema.index({ subject: 1, at: 1 });

export type TransitionDoc = InferSchemaType<typeof transitionSchema> & { _id: string | Types.ObjectId };
export const TransitionModel = model('Transition', transitionSchema);
