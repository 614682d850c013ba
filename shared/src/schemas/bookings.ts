import { z } from 'zod';
import { dateSchema, dayAnswerSchema, idSchema, instantSchema, objectIdSchema, pagedSchema } from './common';
import { idNumberSchema, phoneSchema } from './identity';
import { itemRatingSchema } from './requests';
import { serviceKindSchema, type FormField } from './services';
import { addDays, toDateString } from '../time';

/**
 * Builds the zod schema of a service's (or event's) form from its field list, so the mini-program
 * form and the server check the same rules with the same words. Unknown fields are refused.
 */
export function buildFormSchema(fields: FormField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    let s: z.ZodType;
    switch (f.type) {
      case 'text':
        s = z
          .string({ error: `请填写${f.label}` })
          .trim()
          .min(1, `请填写${f.label}`)
          .max(100, `${f.label}最多 100 个字`);
        break;
      case 'textarea':
        s = z
          .string({ error: `请填写${f.label}` })
          .trim()
          .min(1, `请填写${f.label}`)
          .max(500, `${f.label}最多 500 个字`);
        break;
      case 'phone':
        s = z.string({ error: `请填写${f.label}` }).pipe(phoneSchema);
        break;
      case 'idNumber':
        s = z.string({ error: `请填写${f.label}` }).pipe(idNumberSchema);
        break;
      case 'number': {
        // A JSON number only: `true`, `[12]` and `"12"` are refused (the form page sends the typed
        // text through formInput(), which turns digits into a number).
        let n = z.number({ error: `${f.label}必须是数字` }).int(`${f.label}必须是整数`);
        if (typeof f.min === 'number') n = n.min(f.min, `${f.label}不能小于 ${f.min}`);
        if (typeof f.max === 'number') n = n.max(f.max, `${f.label}不能大于 ${f.max}`);
        s = n;
        break;
      }
      case 'date': {
        let d = dateSchema;
        if (typeof f.min === 'string') d = d.refine((v) => v >= (f.min as string), `${f.label}不能早于 ${f.min}`) as unknown as typeof d;
        if (typeof f.max === 'string') d = d.refine((v) => v <= (f.max as string), `${f.label}不能晚于 ${f.max}`) as unknown as typeof d;
        s = d;
        break;
      }
      case 'select': {
        const values = (f.options ?? []).map((o) => o.value);
        s = z.string({ error: `请选择${f.label}` }).refine((v) => values.includes(v), `请选择${f.label}`);
        break;
      }
    }
    // An empty optional field is the same as a missing one.
    shape[f.name] = f.required ? s : z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());
  }
  const conditional = fields.filter((f) => f.requiredWhen);
  if (conditional.length === 0) return z.strictObject(shape);
  return z.strictObject(shape).superRefine((v, ctx) => {
    for (const f of conditional) {
      if (isAsked(f, v) && (v[f.name] === undefined || v[f.name] === '')) {
        ctx.addIssue({ code: 'custom', path: [f.name], message: `请${f.type === 'select' ? '选择' : '填写'}${f.label}` });
      }
    }
  });
}

/** Whether a form asks a field, given what is filled in so far: always, unless its `requiredWhen` does not hold. */
export function isAsked(f: FormField, values: Record<string, unknown>): boolean {
  return !f.requiredWhen || values[f.requiredWhen.field] === f.requiredWhen.value;
}

/**
 * A form's answers as a citizen or staff member reads them, in the form's order: each with its
 * field's label, and a choice by its option's label (`store` → 到店取餐), never the stored value.
 * The one place a value becomes display text: pages, answers and exports all go through it.
 */
export function formAnswers(
  fields: { name: string; label: string; type: string; options?: { value: string; label: string }[] | undefined }[],
  form: Record<string, string | number>,
): { name: string; label: string; value: string | number }[] {
  const out: { name: string; label: string; value: string | number }[] = [];
  for (const f of fields) {
    const v = form[f.name];
    if (v === undefined || v === '') continue;
    out.push({ name: f.name, label: f.label, value: f.type === 'select' ? optionLabel(f.options, v) : v });
  }
  return out;
}

/** The label of a choice's value; a value no option has (an option since removed) stays as it is. */
export function optionLabel(options: { value: string; label: string }[] | undefined, value: string | number): string | number {
  return options?.find((o) => o.value === value)?.label ?? value;
}

/**
 * The values of a form as the page holds them (text) turned into what buildFormSchema() checks:
 * the text of a number field becomes a number when it is a plain whole number, anything else stays
 * text, so the schema says what is wrong with it.
 */
export function formInput(fields: FormField[], values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === 'number' && typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) out[f.name] = Number(v);
  }
  return out;
}

export const bookingBodySchema = z.strictObject({
  slotId: objectIdSchema,
  form: z.record(z.string().max(40), z.unknown(), { error: '请填写预约信息' }),
  /** Booking for a family member: their saved details fill the form's empty person fields. */
  familyMemberId: objectIdSchema.optional(),
});
export type BookingBody = z.infer<typeof bookingBodySchema>;

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key 应为 8-64 位字母、数字、-、_');

export const BOOKING_STATUSES = ['confirmed', 'served', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * How a booking's status reads, everywhere it is shown (citizen pages, staff pages, exports). A served
 * booking is 已完成, the citizens' own word (办结 is the office's).
 */
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  confirmed: '已预约',
  served: '已完成',
  no_show: '未到场',
  cancelled: '已取消',
};

export const cancelBodySchema = z.strictObject({
  reason: z.string().trim().min(2, '请写明取消原因').max(100, '原因最多 100 个字').optional(),
});

export const adminSlotBodySchema = z.strictObject({
  serviceId: objectIdSchema,
  siteId: objectIdSchema,
  start: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }),
  end: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }),
  capacity: z.number({ error: '名额必须是数字' }).int('名额必须是整数').min(1, '名额至少 1 个').max(10_000, '名额太多了'),
});

/** The longest a one-off slot may last. */
export const SLOT_MAX_HOURS = 24;

/**
 * Where the times of a one-off slot break the rules, by field (null when they hold): it starts
 * between yesterday and a year ahead (Shanghai dates) and ends after it starts, at most
 * SLOT_MAX_HOURS later. `now` is the caller's injected clock.
 */
export function slotTimesProblem(start: Date, end: Date, now: Date): Record<string, string> | null {
  const today = toDateString(now);
  const day = toDateString(start);
  if (day < addDays(today, -1)) return { start: '开始时间不能早于昨天' };
  // The same date next year; a 29 February compares as the end of February.
  if (day > `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`) return { start: '最多提前一年开放时段' };
  if (end <= start) return { end: '结束时间应晚于开始时间' };
  if (end.getTime() - start.getTime() > SLOT_MAX_HOURS * 3600_000) return { end: `一个时段最长 ${SLOT_MAX_HOURS} 小时` };
  return null;
}

export const staffVerifySchema = z.strictObject({
  code: z
    .string({ error: '请输入预约码' })
    .trim()
    .toUpperCase()
    .min(1, '请输入预约码')
    .regex(/^[A-Z0-9]{6,8}$/, '预约码格式不正确'),
});

export const staffBookingsQuerySchema = z.strictObject({
  serviceId: objectIdSchema,
  siteId: objectIdSchema.optional(),
  date: dateSchema.optional(),
});

export const bookingViewSchema = z.strictObject({
  id: idSchema,
  code: z.string().regex(/^[A-Z0-9]{6,8}$/),
  status: z.enum(BOOKING_STATUSES),
  slotId: idSchema,
  serviceId: idSchema,
  serviceKind: serviceKindSchema,
  serviceName: z.string(),
  siteId: idSchema,
  siteName: z.string(),
  siteAddress: z.string(),
  sitePhone: z.string(),
  start: instantSchema,
  end: instantSchema,
  /** Personal fields masked. */
  form: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The same answers for reading: labelled, in the form's order, choices by their label (formAnswers). */
  answers: z.array(z.strictObject({ name: z.string(), label: z.string(), value: z.union([z.string(), z.number()]) })),
  /** Whom the booking is for: the name in its form (a child's name masked for anyone but its guardian). */
  forName: z.string(),
  forFamilyMember: z.boolean(),
  cancelReason: z.string().nullable(),
  cancellableUntil: instantSchema,
  createdAt: instantSchema,
  /** Its 好差评 once served and rated. */
  rating: itemRatingSchema,
});
export type BookingView = z.infer<typeof bookingViewSchema>;

/** `GET /api/me/bookings`. */
export const myBookingsSchema = pagedSchema(bookingViewSchema);

/** One slot of a staff member's day, with its bookings counted by status. */
export const staffDaySlotSchema = z.strictObject({
  id: idSchema,
  siteId: idSchema,
  siteName: z.string(),
  start: instantSchema,
  end: instantSchema,
  capacity: z.number().int().min(1),
  closedReason: z.string().nullable(),
  confirmed: z.number().int().min(0),
  served: z.number().int().min(0),
  noShow: z.number().int().min(0),
  cancelled: z.number().int().min(0),
});

/** `GET /api/staff/bookings`: a day of a service, its slots with counts and the bookings (contact shown). */
export const staffDaySchema = z.strictObject({
  date: dayAnswerSchema,
  slots: z.array(staffDaySlotSchema),
  items: z.array(bookingViewSchema),
});
export type StaffDay = z.infer<typeof staffDaySchema>;

/** `POST /api/admin/schedules`: slots the schedule named, those created, those that already existed. */
export const scheduleResultSchema = z.strictObject({
  planned: z.number().int().min(0),
  created: z.number().int().min(0),
  skippedExisting: z.number().int().min(0),
});
export type ScheduleResult = z.infer<typeof scheduleResultSchema>;

/** `POST /api/admin/slots/:id/close`: the slot closed and how many bookings it cancelled. */
export const closedSlotSchema = z.strictObject({
  id: idSchema,
  closedReason: z.string(),
  cancelled: z.number().int().min(0),
});
export type ClosedSlot = z.infer<typeof closedSlotSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

/** A weekly schedule: on these weekdays, these times, this capacity, from..to, except holidays. */
export const scheduleBodySchema = z
  .strictObject({
    serviceId: objectIdSchema,
    siteId: objectIdSchema,
    from: dateSchema,
    to: dateSchema,
    weekdays: z.array(z.number().int().min(1, '星期应为 1-7').max(7, '星期应为 1-7')).min(1, '请至少选择一天').max(7),
    times: z
      .array(z.strictObject({ start: hhmm, end: hhmm }))
      .min(1, '请至少添加一个时段')
      .max(48),
    capacity: z.number().int().min(1, '名额至少 1 个').max(10_000),
    skipDates: z.array(dateSchema).max(366).default([]),
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' })
  .refine((v) => v.times.every((t) => t.end > t.start), { path: ['times'], message: '每个时段的结束时间应晚于开始时间' });

export type ScheduleBody = z.output<typeof scheduleBodySchema>;
export type AdminSlotBody = z.output<typeof adminSlotBodySchema>;

export const closeSlotBodySchema = z.strictObject({
  reason: z.string().trim().min(2, '请写明停办原因，市民会看到').max(100, '原因最多 100 个字'),
});

export const exportQuerySchema = z
  .strictObject({
    serviceId: objectIdSchema,
    from: dateSchema,
    to: dateSchema,
    /** Admins only: phones and addresses in full. ID numbers stay masked in every export. */
    reveal: z.enum(['contact']).optional(),
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' });
