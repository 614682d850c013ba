import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { BOOKING_STATUSES } from '@jingkai/shared';

const bookingSchema = new Schema(
  {
    code: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    serviceId: { type: Schema.Types.ObjectId, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    slotId: { type: Schema.Types.ObjectId, required: true },
    date: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    status: { type: String, required: true, enum: BOOKING_STATUSES },
    /** Keyed hash of the person served (ID number, family member or account): duplicates and limits. */
    personKey: { type: String, required: true },
    familyMemberId: { type: Schema.Types.ObjectId, default: null },
    /** The whole form, encrypted: it holds names, phones, ID numbers, addresses. */
    formEnc: { type: String, default: null },
    cancelReason: { type: String, default: null },
    cancelledBy: { type: String, default: null },
    servedAt: { type: Date, default: null },
    noShowAt: { type: Date, default: null },
    anonymised: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'bookings' },
);
bookingSchema.index({ code: 1 }, { unique: true });
bookingSchema.index({ userId: 1, createdAt: -1 });
bookingSchema.index({ serviceId: 1, date: 1 });
bookingSchema.index({ personKey: 1, status: 1, start: -1 });

export type BookingDoc = InferSchemaType<typeof bookingSchema> & { _id: Types.ObjectId };
export const BookingModel = model('Booking', bookingSchema);
