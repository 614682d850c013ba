import { z } from 'zod';
import { objectIdSchema } from './common';
import { EVENT_CATEGORIES } from './events';
import { idNumberSchema, personNameSchema, phoneSchema } from './identity';
import { itemRatingSchema } from './requests';
import { formDefinitionSchema } from './services';

/** An ISO 8601 instant with its offset, as the API writes times. */
const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601（带时区）' });

/**
 * One attendee of a sign-up: a saved family member (the server fills name, ID number and phone from
 * it), or typed in full. Every attendee is a real person with an ID number: one ID, one place.
 */
export const attendeeBodySchema = z.union([
  z.strictObject({ familyMemberId: objectIdSchema }),
  z.strictObject({ name: personNameSchema, idNumber: idNumberSchema, phone: phoneSchema.optional() }),
]);

export const registrationBodySchema = z.strictObject({
  sessionId: objectIdSchema,
  attendees: z.array(attendeeBodySchema).min(1, '请至少添加一位参加人').max(10, '一次最多为 10 人报名'),
  form: z.record(z.string(), z.unknown()).default({}),
});
export type RegistrationBody = z.output<typeof registrationBodySchema>;

export const registrationCancelSchema = z.strictObject({
  /** Indexes (from 0) of the attendees to cancel; absent: the whole registration. */
  attendees: z.array(z.number().int().min(0).max(9)).min(1).max(10).optional(),
});

const sessionBodySchema = z.strictObject({
  startAt: instant,
  endAt: instant,
  capacity: z.number().int().min(1, '名额至少 1 个').max(200_000),
  signupOpensAt: instant.optional(),
  signupClosesAt: instant.optional(),
});

/** A poster uploaded here, in the news media store: what `coverUrl` takes. */
export const POSTER_MAX_BYTES = 2 * 1024 * 1024;
export const posterUploadedSchema = z.strictObject({ url: z.string().regex(/^\/api\/media\/[0-9a-f]{32}\.(png|jpg|webp)$/) });

const eventFields = {
  title: z.string().trim().min(2, '请填写活动名称').max(60, '活动名称最多 60 个字'),
  category: z.enum(EVENT_CATEGORIES, { error: '请选择活动类别' }),
  venue: z.string().trim().min(2, '请填写活动地点').max(100),
  address: z.string().trim().max(200).optional(),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  description: z.string().trim().max(5000).optional(),
  coverUrl: z
    .string()
    .regex(/^\/api\/(media|avatars)\/[0-9a-f]{32}\.(png|jpg|webp)$/, '海报只能使用上传到本站的图片')
    .optional(),
  startAt: instant,
  endAt: instant,
  maxAttendees: z.number().int().min(1, '每次报名至少 1 人').max(10, '每次报名最多 10 人'),
  waitlist: z.boolean(),
  cancelMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
  newsId: objectIdSchema.nullable().optional(),
  form: formDefinitionSchema.optional(),
};

/** The contract's POST /api/admin/events. */
export const eventCreateSchema = z
  .strictObject({ ...eventFields, sessions: z.array(sessionBodySchema).min(1, '请至少添加一场').max(30) })
  .refine((v) => v.endAt > v.startAt, { path: ['endAt'], message: '结束时间应晚于开始时间' });
export type EventCreateBody = z.output<typeof eventCreateSchema>;

/** PATCH /api/admin/events/:id: any field; sessions by id (capacity, window) or new ones without id. */
export const eventPatchSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(eventFields).map(([k, s]) => [k, s.optional()])),
  sessions: z
    .array(sessionBodySchema.partial().extend({ id: objectIdSchema.optional() }))
    .max(30)
    .optional(),
}) as z.ZodType<
  Partial<Omit<EventCreateBody, 'sessions'>> & { sessions?: (Partial<EventCreateBody['sessions'][number]> & { id?: string })[] }
>;

export const checkinBodySchema = z.strictObject({
  ticket: z.string().min(1, '请扫描电子票').max(200, '这不是本活动的电子票'),
  gate: z.string().trim().max(20).optional(),
  /** The event this gate checks; a ticket of another event is WRONG_EVENT. */
  eventId: objectIdSchema.optional(),
});

export const checkinBatchSchema = z.strictObject({
  scans: z
    .array(
      z.strictObject({
        ticket: z.string().min(1).max(200),
        gate: z.string().trim().max(20).default(''),
        scannedAt: instant,
        nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'nonce 应为 8-64 位字母、数字、-、_'),
      }),
    )
    .min(1)
    .max(200, '一次最多上传 200 条'),
});

export const offlineQuerySchema = z.strictObject({ sessionId: objectIdSchema.optional() });

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const ticketViewSchema = z.object({
  /** The signed ticket, what the QR code carries. */
  code: z.string(),
  /** The attendee's name, masked except to the registration's owner. */
  attendee: z.string(),
  index: z.number(),
  status: z.enum(['valid', 'revoked']),
  checkedInAt: z.string().nullable(),
});

export const registrationViewSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  sessionId: z.string(),
  eventTitle: z.string(),
  venue: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  attendees: z.array(
    z.object({ name: z.string(), idNumber: z.string(), phone: z.string().nullable(), status: z.enum(['active', 'cancelled']) }),
  ),
  tickets: z.array(ticketViewSchema),
  /** 1 = next in line, while waitlisted. */
  position: z.number().optional(),
  cancellableUntil: z.string(),
  createdAt: z.string(),
  /** Its 好差评 once checked in and rated. */
  rating: itemRatingSchema,
});
export type RegistrationView = z.infer<typeof registrationViewSchema>;
export type TicketView = z.infer<typeof ticketViewSchema>;

export const checkinResultSchema = z.object({
  attendee: z.string(),
  checkedInAt: z.string(),
  sessionId: z.string(),
  sessionStartAt: z.string(),
  gate: z.string(),
});
export type CheckinResult = z.infer<typeof checkinResultSchema>;

export const SCAN_RESULTS = ['ok', 'duplicate', 'invalid'] as const;
export const checkinBatchResultSchema = z.object({
  results: z.array(
    z.object({
      nonce: z.string(),
      result: z.enum(SCAN_RESULTS),
      reason: z.string().optional(),
      firstCheckedInAt: z.string().optional(),
      firstGate: z.string().optional(),
    }),
  ),
});

export type CheckinBatchResult = z.infer<typeof checkinBatchResultSchema>;

export const offlineListSchema = z.object({
  keyId: z.string(),
  publicKey: z.string(),
  keys: z.array(z.object({ keyId: z.string(), publicKey: z.string() })),
  eventId: z.string(),
  tickets: z.array(z.object({ id: z.string(), name: z.string(), sessionId: z.string() })),
  revoked: z.array(z.string()),
  checkedIn: z.array(z.string()),
  /** The event's sessions: a device offline refuses a ticket outside its session's gate hours too. */
  sessions: z.array(z.object({ id: z.string(), startAt: z.string(), endAt: z.string() })),
  asOf: z.string(),
});
export type OfflineList = z.infer<typeof offlineListSchema>;

/** `GET /api/me/registrations`. */
export const registrationsListSchema = z.strictObject({
  items: z.array(registrationViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** `GET /api/staff/events/:id/counts`: live counts per session for staff. */
export const eventCountsSchema = z.strictObject({
  eventId: z.string(),
  title: z.string(),
  sessions: z.array(
    z.strictObject({
      id: z.string(),
      startAt: z.string(),
      label: z.string(),
      capacity: z.number(),
      tickets: z.number(),
      waitlist: z.number(),
      checkedIn: z.number(),
    }),
  ),
});
export type EventCounts = z.infer<typeof eventCountsSchema>;

/** `GET /api/staff/events/:id/attendees` (and its `/export`): optionally one session, one status. */
export const staffAttendeesQuerySchema = z.strictObject({
  sessionId: objectIdSchema.optional(),
  status: z.enum(REGISTRATION_STATUSES).optional(),
});
export type StaffAttendeesQuery = z.infer<typeof staffAttendeesQuerySchema>;

/** One attendee as the event's staff see them: name, ID number and phone masked. */
export const staffAttendeeSchema = z.strictObject({
  registrationId: z.string(),
  /** The attendee's index in the registration (what a cancel names). */
  index: z.number().int(),
  sessionId: z.string(),
  sessionLabel: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  /** The registration's status; an attendee cancelled on their own is `cancelled` here too. */
  status: z.enum(REGISTRATION_STATUSES),
  /** 1 = next in line, while waitlisted. */
  position: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  gate: z.string().nullable(),
  /** What staff should look at about the entry: another scan of the ticket, a cancel after it. */
  entryNote: z.string().nullable(),
  registeredAt: z.string(),
});
export type StaffAttendee = z.infer<typeof staffAttendeeSchema>;

export const staffAttendeesSchema = z.strictObject({
  eventId: z.string(),
  title: z.string(),
  items: z.array(staffAttendeeSchema),
  total: z.number().int(),
});
export type StaffAttendees = z.infer<typeof staffAttendeesSchema>;
