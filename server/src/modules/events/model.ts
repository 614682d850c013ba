import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { EVENT_CATEGORIES, type FormField } from '@jingkai/shared';

const eventSchema = new Schema(
  {
    key: { type: String, required: true },
    title: { type: String, required: true },
    category: { type: String, required: true, enum: EVENT_CATEGORIES },
    venue: { type: String, required: true },
    description: { type: String, default: '' },
    coverUrl: { type: String, default: null },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    maxAttendees: { type: Number, required: true, min: 1 },
    waitlist: { type: Boolean, default: false },
    form: { type: [Schema.Types.Mixed], default: [] },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'events' },
);
eventSchema.index({ key: 1 }, { unique: true });
eventSchema.index({ endAt: 1, startAt: 1 });

const sessionSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    capacity: { type: Number, required: true, min: 1 },
  },
  { timestamps: true, collection: 'event_sessions' },
);
sessionSchema.index({ eventId: 1, startAt: 1 }, { unique: true });

export type EventDoc = Omit<InferSchemaType<typeof eventSchema>, 'form'> & { form: FormField[]; _id: Types.ObjectId };
export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };
export const EventModel = model('Event', eventSchema);
export const SessionModel = model('EventSession', sessionSchema);
