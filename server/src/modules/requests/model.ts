import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { REQUEST_CATEGORIES, REQUEST_CONTACTS, REQUEST_STATUSES, REQUEST_UNITS } from '@jingkai/shared';

/**
 * A 诉求. Only the winner of a state's exit (the transitions module) writes its status and the
 * step's fields, so the document has one writer per step; the citizen's additions and ratings are
 * rows of their own.
 */
const requestSchema = new Schema(
  {
    /** `JK` + yyMMdd + 4 digits; the unique index hands out each number once. */
    trackingNo: { type: String, required: true },
    /** Why it exists, unique: `filed:<id>` for a filed request, `followup:<kind>:<id>` for a 差评's follow-up. */
    originKey: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    category: { type: String, required: true, enum: REQUEST_CATEGORIES },
    text: { type: String, required: true },
    photos: { type: [String], default: [] },
    location: {
      type: new Schema({ lat: Number, lng: Number, address: { type: String, default: null } }, { _id: false }),
      default: null,
    },
    contact: { type: String, required: true, enum: REQUEST_CONTACTS },
    status: { type: String, required: true, enum: REQUEST_STATUSES },
    /** Why it waits for a person: the content check asked (`review`) or did not answer (`unreachable`). */
    heldReason: { type: String, default: null },
    unit: { type: String, default: null, enum: [...REQUEST_UNITS, null] },
    reply: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    acceptDueAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    assignedAt: { type: Date, default: null },
    repliedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** The request a 差评 of this one's parent opened it for. */
    followUpOf: { type: Schema.Types.ObjectId, default: null },
    /** What a rating-opened follow-up is about (a booking, an event visit, a request), for the ratings per site. */
    aboutKind: { type: String, default: null },
    aboutId: { type: String, default: null },
    serviceId: { type: String, default: null },
    siteId: { type: String, default: null },
    eventId: { type: String, default: null },
  },
  { timestamps: true, collection: 'requests' },
);
requestSchema.index({ trackingNo: 1 }, { unique: true });
requestSchema.index({ originKey: 1 }, { unique: true });
requestSchema.index({ userId: 1, receivedAt: -1 });
requestSchema.index({ status: 1, dueAt: 1 });
requestSchema.index({ receivedAt: 1 });
requestSchema.index({ followUpOf: 1 });

/** What the citizen adds while the request is open. */
const additionSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    /** The content check asked for a person, or did not answer: staff see it, marked. */
    held: { type: Boolean, default: false },
    at: { type: Date, required: true },
  },
  { timestamps: true, collection: 'request_additions' },
);
additionSchema.index({ requestId: 1, at: 1 });

/**
 * Who uploaded a 诉求 photo, keyed by its stored name (which hashes the uploader with the bytes), so
 * a request may attach only its filer's own uploads and 注销 deletes exactly that person's files.
 */
const photoSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: true, collection: 'request_photos' },
);
photoSchema.index({ userId: 1 });

export type RequestDoc = InferSchemaType<typeof requestSchema> & { _id: Types.ObjectId };
export type AdditionDoc = InferSchemaType<typeof additionSchema> & { _id: Types.ObjectId };
export const RequestModel = model('Request', requestSchema);

/**
 * The next tracking number of a day, by the day's prefix as `_id` (FerretDB v1 pushes only `_id`
 * down; reading the day's highest number scanned every request). Only a hint: on FerretDB two
 * fillings may read the same count, and the unique tracking number sends the loser to the next one.
 */
const requestNumberSchema = new Schema(
  { _id: { type: String, required: true }, n: { type: Number, required: true } },
  { collection: 'request_numbers', versionKey: false },
);
export const RequestNumberModel = model('RequestNumber', requestNumberSchema);
export const AdditionModel = model('RequestAddition', additionSchema);
export const PhotoModel = model('RequestPhoto', photoSchema);
