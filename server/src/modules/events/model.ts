/**
 * Events and everything a sign-up writes: sessions, registrations, the real-name identities, tickets,
 * check-ins and gate scans. Longer than 250 lines' worth of schemas would be; kept in one model file
 * because only the events repo reads them.
 */
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
    /** Where it is: the street address and coordinates (gcj02) for navigation. */
    address: { type: String, default: '' },
    lat: { type: Number, default: null },
    lng: { type: Number, default: null },
    /** Citizens cancel until this many minutes before their session starts. */
    cancelMinutesBefore: { type: Number, default: 120 },
    /** A news article about the event (its 资讯 id), linked both ways. */
    newsId: { type: String, default: null },
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
    /** The signup window; null opens at once and closes when the session starts. */
    signupOpensAt: { type: Date, default: null },
    signupClosesAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'event_sessions' },
);
sessionSchema.index({ eventId: 1, startAt: 1 }, { unique: true });

const attendeeSchema = new Schema(
  {
    nameEnc: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    /** Keyed hash of the ID number: one ID one place per event, and the seat's holder. */
    idHash: { type: String, required: true },
    phoneEnc: { type: String, default: null },
    familyMemberId: { type: String, default: null },
    status: { type: String, required: true, enum: ['active', 'cancelled'] },
    ticketId: { type: Schema.Types.ObjectId, default: null },
    isChild: { type: Boolean, default: false },
  },
  { _id: false },
);

/**
 * A citizen's sign-up for one session: its named attendees, confirmed (with seats and tickets) or
 * waiting in arrival order (`waitSince`, then `_id`).
 */
const registrationSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, required: true, enum: ['confirmed', 'waitlisted', 'cancelled'] },
    attendees: { type: [attendeeSchema], required: true },
    formEnc: { type: String, default: null },
    waitSince: { type: Date, default: null },
    confirmedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'registrations' },
);
registrationSchema.index({ userId: 1, createdAt: -1 });
registrationSchema.index({ sessionId: 1, status: 1, waitSince: 1 });

/** One row per (event, ID number) while that person holds a place or a waitlist entry: the real-name rule. */
const identitySchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    idHash: { type: String, required: true },
    registrationId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'event_identities' },
);
identitySchema.index({ eventId: 1, idHash: 1 }, { unique: true });
identitySchema.index({ registrationId: 1 });

/** One e-ticket per confirmed attendee; a cancelled attendee's ticket is revoked. */
const ticketSchema = new Schema(
  {
    registrationId: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    attendee: { type: Number, required: true },
    /** The attendee's name, masked, as gates show it. */
    name: { type: String, required: true },
    status: { type: String, required: true, enum: ['valid', 'revoked'] },
    /** When it was issued, on the injected clock: no gate can have scanned it before. */
    issuedAt: { type: Date, default: null },
    /** When it was revoked: a gate's offline scan from before then still counts as an entry. */
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'tickets' },
);
ticketSchema.index({ registrationId: 1, attendee: 1 }, { unique: true });
ticketSchema.index({ sessionId: 1 });
ticketSchema.index({ eventId: 1, status: 1 });

/** Entry through a gate: the unique ticket id makes it happen once, first scan wins. */
const checkinSchema = new Schema(
  {
    ticketId: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    gate: { type: String, default: '' },
    by: { type: String, required: true },
    source: { type: String, required: true, enum: ['online', 'offline'] },
    /**
     * Later scans of the same ticket that were let in (an online scan before an earlier offline one
     * was uploaded) or an entry whose registration was cancelled after it: staff review these.
     */
    flags: { type: [{ _id: false, kind: String, at: Date, gate: String, source: String }], default: [] },
  },
  { timestamps: true, collection: 'checkins' },
);
checkinSchema.index({ ticketId: 1 }, { unique: true });
checkinSchema.index({ sessionId: 1 });

/** Every scan a gate made, kept (also the refused and the second ones); an upload's nonce makes it count once. */
const scanSchema = new Schema(
  {
    /** `<userId>:<nonce>`: a device's nonces are its own, another account's cannot block them. */
    nonce: { type: String, required: true },
    /** A hash of the code and time scanned: the same nonce with other content is not the same scan. */
    content: { type: String, default: '' },
    ticketId: { type: String, default: null },
    eventId: { type: String, default: null },
    gate: { type: String, default: '' },
    scannedAt: { type: Date, required: true },
    by: { type: String, required: true },
    source: { type: String, required: true, enum: ['online', 'offline'] },
    /** null while the scan is being judged. */
    result: { type: String, default: null },
    reason: { type: String, default: null },
    firstCheckedInAt: { type: Date, default: null },
    firstGate: { type: String, default: null },
  },
  { timestamps: true, collection: 'gate_scans' },
);
scanSchema.index({ nonce: 1 }, { unique: true });
scanSchema.index({ ticketId: 1 });

export type EventDoc = Omit<InferSchemaType<typeof eventSchema>, 'form'> & { form: FormField[]; _id: Types.ObjectId };
export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };
export type RegistrationDoc = InferSchemaType<typeof registrationSchema> & { _id: Types.ObjectId };
export type AttendeeDoc = RegistrationDoc['attendees'][number];
export type TicketDoc = InferSchemaType<typeof ticketSchema> & { _id: Types.ObjectId };
export type CheckinDoc = InferSchemaType<typeof checkinSchema> & { _id: Types.ObjectId };
export type ScanDoc = InferSchemaType<typeof scanSchema> & { _id: Types.ObjectId };
export const EventModel = model('Event', eventSchema);
export const SessionModel = model('EventSession', sessionSchema);
export const RegistrationModel = model('Registration', registrationSchema);
export const IdentityModel = model('EventIdentity', identitySchema);
export const TicketModel = model('Ticket', ticketSchema);
export const CheckinModel = model('Checkin', checkinSchema);
export const ScanModel = model('GateScan', scanSchema);
