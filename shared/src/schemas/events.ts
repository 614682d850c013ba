import { z } from 'zod';
import { idSchema, instantSchema, pagedSchema, paginationSchema } from './common';
import { formFieldSchema } from './services';

export const EVENT_CATEGORIES = ['festival', 'job-fair', 'culture', 'sports', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_CATEGORY_LABELS: Record<EventCategory, string> = {
  festival: '节庆',
  'job-fair': '招聘会',
  culture: '文化',
  sports: '体育',
  other: '活动',
};

export const eventsQuerySchema = paginationSchema
  .extend({
    status: z.enum(['upcoming', 'ongoing', 'past', 'all'], { error: 'status 只能是 upcoming、ongoing、past 或 all' }).default('upcoming'),
    category: z.enum(EVENT_CATEGORIES, { error: `category 只能是 ${EVENT_CATEGORIES.join('、')}` }).optional(),
  })
  .strict();

export const eventSummarySchema = z.strictObject({
  id: idSchema,
  title: z.string(),
  category: z.enum(EVENT_CATEGORIES),
  startAt: instantSchema,
  endAt: instantSchema,
  venue: z.string(),
  coverUrl: z.string().nullable(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

/** `GET /api/events`. */
export const eventsListSchema = pagedSchema(eventSummarySchema);

export const eventSessionSchema = z.strictObject({
  id: idSchema,
  startAt: instantSchema,
  endAt: instantSchema,
  capacity: z.number().int().min(0),
  remaining: z.number().int().min(0),
  /** How many wait for this session. */
  waitlist: z.number().int().min(0),
  /** The signup window: null opens at once; it closes at `signupClosesAt` (the start when not set). */
  signupOpensAt: instantSchema.nullable(),
  signupClosesAt: instantSchema,
});
export type EventSession = z.infer<typeof eventSessionSchema>;

/** `GET /api/events/:id`: the event with its sessions and signup form. */
export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string(),
  maxAttendees: z.number().int().min(1),
  /** Whether a full session opens a waitlist. */
  waitlist: z.boolean(),
  sessions: z.array(eventSessionSchema),
  form: z.array(formFieldSchema),
  address: z.string(),
  /** gcj02 coordinates for navigation, when known. */
  location: z.strictObject({ lat: z.number(), lng: z.number() }).nullable(),
  /** The 资讯 article about the event, when there is one. */
  newsId: idSchema.nullable(),
  /** Citizens cancel until this many minutes before their session. */
  cancelMinutesBefore: z.number().int().min(0),
  /** Every sign-up and cancellation up to this instant is counted in `remaining` (at most ~1 s old). */
  asOf: instantSchema.optional(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;
