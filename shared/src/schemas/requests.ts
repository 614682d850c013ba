import { z } from 'zod';
import { dateSchema, dayAnswerSchema, idSchema, instantSchema, objectIdSchema, pagedSchema, paginationSchema } from './common';

/** What a 诉求 is about, as the citizen picks it on the form. */
export const REQUEST_CATEGORIES = ['services', 'environment', 'business', 'events', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  services: '便民服务',
  environment: '环境卫生',
  business: '企业服务',
  events: '活动',
  other: '其他',
};

/** The units a request is assigned to (转办); staff are granted the requests scope per unit. 综合 sees every request. */
export const REQUEST_UNITS = ['insurance', 'elderly', 'childcare', 'events', 'general'] as const;
export type RequestUnit = (typeof REQUEST_UNITS)[number];
export const isRequestUnit = (v: string): v is RequestUnit => (REQUEST_UNITS as readonly string[]).includes(v);
export const REQUEST_UNIT_LABELS: Record<RequestUnit, string> = {
  insurance: '医保',
  elderly: '养老',
  childcare: '托育',
  events: '活动',
  general: '综合',
};

/**
 * The loop: 待审核 (held for a person, when the content check asks or cannot answer) or 已接收 →
 * 受理 → 转办 → 回复 → 评价 → 关闭. Each status is left at most once.
 */
export const REQUEST_STATUSES = ['held', 'received', 'accepted', 'assigned', 'replied', 'rated', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  held: '待审核',
  received: '已接收',
  accepted: '已受理',
  assigned: '已转办',
  replied: '已回复',
  rated: '已评价',
  closed: '已关闭',
};

export const REQUEST_CONTACTS = ['phone', 'message'] as const;

/** Where a request photo is served: stored here by its content hash, like avatars. */
export const REQUEST_PHOTO_PATH = /^\/api\/request-photos\/[0-9a-f]{32}\.(png|jpg|webp)$/;
export const REQUEST_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const REQUEST_TEXT_MIN = 10;
export const REQUEST_TEXT_MAX = 500;

/** `JK` + yyMMdd (the day received, Asia/Shanghai) + a 4-digit number of that day. */
export const TRACKING_NO = /^JK\d{10}$/;

export const requestBodySchema = z.strictObject({
  category: z.enum(REQUEST_CATEGORIES, { error: '请选择诉求类别' }),
  text: z
    .string({ error: '请描述您遇到的问题' })
    .trim()
    .min(REQUEST_TEXT_MIN, `请至少写 ${REQUEST_TEXT_MIN} 个字，说清楚问题`)
    .max(REQUEST_TEXT_MAX, `最多写 ${REQUEST_TEXT_MAX} 个字`),
  photos: z.array(z.string().regex(REQUEST_PHOTO_PATH, '照片需要先上传')).max(3, '最多上传 3 张照片').optional(),
  location: z
    .strictObject({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
      address: z.string().trim().max(100, '地址最多 100 个字').optional(),
    })
    .optional(),
  contact: z.enum(REQUEST_CONTACTS, { error: '请选择联系方式' }),
  /**
   * What it is about when filed from a booking's or a registration's page (有问题？反映一下 there):
   * the citizen's own, so staff see which service, site or event it concerns.
   */
  about: z
    .strictObject({
      kind: z.enum(['booking', 'registration'], { error: '只能是预约或活动报名' }),
      id: objectIdSchema,
    })
    .optional(),
});
export type RequestBody = z.output<typeof requestBodySchema>;

/** The citizen adds information while the request is open. */
export const requestAdditionBodySchema = z.strictObject({
  text: z.string({ error: '请填写补充内容' }).trim().min(2, '请至少写 2 个字').max(REQUEST_TEXT_MAX, `最多写 ${REQUEST_TEXT_MAX} 个字`),
});

export const REQUEST_TRANSITION_TARGETS = ['accepted', 'assigned', 'replied', 'closed'] as const;

export const requestTransitionBodySchema = z
  .strictObject({
    to: z.enum(REQUEST_TRANSITION_TARGETS, { error: '不支持这个办理步骤' }),
    unit: z.enum(REQUEST_UNITS, { error: '请选择承办单位' }).optional(),
    note: z.string().trim().min(1).max(200, '备注最多 200 个字').optional(),
    reply: z.string().trim().min(5, '答复至少 5 个字').max(1000, '答复最多 1000 个字').optional(),
  })
  .refine((b) => b.to !== 'assigned' || b.unit !== undefined, { path: ['unit'], message: '转办时请选择承办单位' })
  .refine((b) => b.to !== 'replied' || b.reply !== undefined, { path: ['reply'], message: '请填写给市民的答复' });
export type RequestTransitionBody = z.output<typeof requestTransitionBodySchema>;

/** 好差评: five faces, 5 非常满意 … 1 非常不满意; 1–2 is a 差评. */
export const RATING_LEVEL_LABELS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'] as const;
export const ratingBodySchema = z.strictObject({
  level: z.number({ error: '请选择满意程度' }).int('请选择满意程度').min(1, '满意程度为 1–5').max(5, '满意程度为 1–5'),
  comment: z.string().trim().max(200, '评价最多 200 个字').optional(),
});
export type RatingBody = z.output<typeof ratingBodySchema>;
export const isPoorRating = (level: number) => level <= 2;

export const ratingViewSchema = z.strictObject({
  id: idSchema,
  level: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  at: instantSchema,
  /** The follow-up request a 差评 opened. */
  followUpId: idSchema.nullable(),
});
export type RatingView = z.infer<typeof ratingViewSchema>;

/**
 * How a booking or an event visit was rated, on its own answer, so every phone shows it rated (not
 * only the one that rated it); null while not rated.
 */
export const itemRatingSchema = z.strictObject({ level: z.number().int().min(1).max(5), at: instantSchema }).nullable();
export type ItemRating = z.infer<typeof itemRatingSchema>;

export const requestCreatedSchema = z.strictObject({
  id: idSchema,
  trackingNo: z.string().regex(TRACKING_NO),
  status: z.enum(['received', 'held']),
  dueAt: instantSchema,
});
export type RequestCreated = z.infer<typeof requestCreatedSchema>;

export const photoUploadedSchema = z.strictObject({ url: z.string().regex(REQUEST_PHOTO_PATH) });

export const myRequestItemSchema = z.strictObject({
  id: idSchema,
  trackingNo: z.string().regex(TRACKING_NO),
  category: z.enum(REQUEST_CATEGORIES),
  status: z.enum(REQUEST_STATUSES),
  dueAt: instantSchema,
  overdue: z.boolean(),
  receivedAt: instantSchema,
  /** The request this one follows up (a 差评's follow-up). */
  followUpOf: idSchema.nullable(),
});
export const myRequestsSchema = pagedSchema(myRequestItemSchema);

export const timelineEntrySchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES),
  at: instantSchema,
  /** Who took the step: the citizen, staff, or the system (never a name). */
  by: z.enum(['citizen', 'staff', 'system']),
  note: z.string().optional(),
  unit: z.enum(REQUEST_UNITS).optional(),
});

export const requestDetailSchema = z.strictObject({
  id: idSchema,
  trackingNo: z.string().regex(TRACKING_NO),
  category: z.enum(REQUEST_CATEGORIES),
  status: z.enum(REQUEST_STATUSES),
  text: z.string(),
  photos: z.array(z.string().regex(REQUEST_PHOTO_PATH)),
  location: z.strictObject({ lat: z.number(), lng: z.number(), address: z.string().nullable() }).nullable(),
  contact: z.enum(REQUEST_CONTACTS),
  unit: z.enum(REQUEST_UNITS).nullable(),
  reply: z.string().nullable(),
  receivedAt: instantSchema,
  acceptDueAt: instantSchema,
  dueAt: instantSchema,
  overdue: z.boolean(),
  timeline: z.array(timelineEntrySchema),
  /** `held`: the content check did not clear it; staff review it before acting on it. */
  additions: z.array(z.strictObject({ text: z.string(), at: instantSchema, held: z.boolean() })),
  rating: ratingViewSchema.nullable(),
  rateable: z.boolean(),
  followUpOf: idSchema.nullable(),
  followUps: z.array(z.strictObject({ id: idSchema, trackingNo: z.string().regex(TRACKING_NO) })),
  /**
   * What it is about: for a rating-opened follow-up, what was rated; for a filing made from a booking
   * or registration, that one. `title` names it for reading (`老年助餐 · 河西社区… · 12月5日 11:00 的预约`).
   */
  about: z
    .strictObject({
      kind: z.enum(['booking', 'registration', 'request']),
      id: idSchema,
      title: z.string(),
      serviceId: idSchema.nullable(),
      siteId: idSchema.nullable(),
      eventId: idSchema.nullable(),
    })
    .nullable(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

const yesNo = z.enum(['true', 'false'], { error: '只能是 true 或 false' }).transform((v) => v === 'true');

export const staffRequestsQuerySchema = paginationSchema
  .extend({
    status: z.enum(REQUEST_STATUSES, { error: '没有这个状态' }).optional(),
    unit: z.enum(REQUEST_UNITS, { error: '没有这个承办单位' }).optional(),
    category: z.enum(REQUEST_CATEGORIES, { error: '没有这个类别' }).optional(),
    overdue: yesNo.optional(),
  })
  .strict();
export type StaffRequestsQuery = z.output<typeof staffRequestsQuerySchema>;

export const staffRequestItemSchema = myRequestItemSchema.extend({
  unit: z.enum(REQUEST_UNITS).nullable(),
  acceptDueAt: instantSchema,
  /** The first 60 characters of the text, with ID and mobile numbers typed into it masked. */
  excerpt: z.string(),
  heldReason: z.enum(['review', 'unreachable']).nullable(),
});
export type StaffRequestItem = z.infer<typeof staffRequestItemSchema>;
export const staffRequestsSchema = pagedSchema(staffRequestItemSchema);

export type RequestRateKey = 'acceptedOnTimeRate' | 'closedOnTimeRate' | 'ratedRate' | 'satisfiedRate';

/** The four rates the zone reports, in its words, with what each counts (the README defines them in full). */
export const REQUEST_RATES: { key: RequestRateKey; name: string; definition: string }[] = [
  { key: 'acceptedOnTimeRate', name: '受理及时率', definition: '期内收到的诉求中，在受理时限内受理的比例' },
  { key: 'closedOnTimeRate', name: '按时办结率', definition: '答复时限在期内的诉求中，按时答复的比例' },
  { key: 'ratedRate', name: '回访率', definition: '期内答复的诉求中，市民已评价或已回访的比例' },
  { key: 'satisfiedRate', name: '满意率', definition: '期内的诉求评价中，基本满意及以上的比例' },
];

export const requestStatsQuerySchema = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .refine((q) => q.to >= q.from, { path: ['to'], message: '结束日期不能早于开始日期' });

const rate = z.number().min(0).max(1).nullable();

/** The four rates of one period; null when nothing counts in the denominator. Defined in the README. */
const ratesShape = {
  total: z.number().int().min(0),
  acceptedOnTimeRate: rate,
  closedOnTimeRate: rate,
  ratedRate: rate,
  satisfiedRate: rate,
};

export const requestStatsSchema = z.strictObject({
  from: dayAnswerSchema,
  to: dayAnswerSchema,
  ...ratesShape,
  byCategory: z.array(z.strictObject({ category: z.enum(REQUEST_CATEGORIES), total: z.number().int().min(0) })),
  /** Weeks from Monday, clipped to the period. */
  byWeek: z.array(z.strictObject({ week: dayAnswerSchema, ...ratesShape })),
  /** 好差评 of bookings per site and of event visits per event, in the period. */
  ratings: z.strictObject({
    bySite: z.array(z.strictObject({ siteId: idSchema, count: z.number().int().min(0), average: z.number(), satisfiedRate: rate })),
    byEvent: z.array(z.strictObject({ eventId: idSchema, count: z.number().int().min(0), average: z.number(), satisfiedRate: rate })),
  }),
});
export type RequestStats = z.infer<typeof requestStatsSchema>;
