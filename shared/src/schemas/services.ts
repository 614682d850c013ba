import { z } from 'zod';
import { dateSchema, idSchema, instantSchema, pagedSchema } from './common';
import { isoWeekday, toIso } from '../time';

/** The four bookable service kinds the contract fixes. */
export const SERVICE_KINDS = ['insurance-doorstep', 'insurance-appointment', 'childcare', 'elderly-meal'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const serviceKindSchema = z.enum(SERVICE_KINDS);

export const FORM_FIELD_TYPES = ['text', 'textarea', 'phone', 'idNumber', 'number', 'date', 'select'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** One field of a booking or signup form, exactly the contract's shape. */
export const formFieldSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, '字段名只能用字母和数字'),
  label: z.string().min(1).max(30),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  options: z
    .array(z.strictObject({ value: z.string().min(1), label: z.string().min(1) }))
    .min(1)
    .optional(),
  min: z.union([z.number(), dateSchema]).optional(),
  max: z.union([z.number(), dateSchema]).optional(),
  /**
   * Asked, and then required, only when another field of the form holds this value (the 送餐地址
   * when 送餐上门 is chosen). `required` stays false: without the condition the field is not asked.
   */
  requiredWhen: z.strictObject({ field: z.string().min(1), value: z.string().min(1) }).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

/**
 * A form as staff define it: at most 20 fields, names unique, a select with options whose values are
 * unique, `min` not above `max`. Each fault names the field (`form.2.options`).
 */
export const formDefinitionSchema = z
  .array(formFieldSchema)
  .max(20, '表单最多 20 项')
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `字段名 ${f.name} 重复了` });
      seen.add(f.name);
      if (f.type === 'select' && !f.options?.length)
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: '下拉选择至少要有一个选项' });
      const values = (f.options ?? []).map((o) => o.value);
      const twice = values.findIndex((v, k) => values.indexOf(v) !== k);
      if (twice >= 0) ctx.addIssue({ code: 'custom', path: [i, 'options', twice, 'value'], message: `选项 ${values[twice]} 重复了` });
      if (f.min !== undefined && f.max !== undefined) {
        if (typeof f.min !== typeof f.max) ctx.addIssue({ code: 'custom', path: [i, 'max'], message: '最小值和最大值应是同一种' });
        else if (f.min > f.max) ctx.addIssue({ code: 'custom', path: [i, 'max'], message: '最大值不能小于最小值' });
      }
    });
  });

export const slotsQuerySchema = z.strictObject({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

/** Booking rules of a service. Times are minutes relative to a slot's start. */
export const serviceRulesSchema = z.strictObject({
  /** Slots open for booking this many days ahead (at midnight). */
  opensDaysAhead: z.number().int(),
  /** Booking closes this many minutes before the start. */
  closesMinutesBefore: z.number().int(),
  /** For 助餐: orders close at this Shanghai time on the meal's day (`HH:mm`), whichever is earlier. */
  orderCutoff: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  /** A citizen may cancel until this many minutes before the start. */
  cancelMinutesBefore: z.number().int(),
  /** Active bookings one person may hold for this service on one day. */
  maxActivePerDay: z.number().int(),
  /**
   * Active bookings one account may hold for this service on one day, for everyone it books for
   * (itself and its family): the bound on what self-declared family members can take. Unset in a
   * service's stored rules means three times `maxActivePerDay`; every answer carries the value.
   */
  maxPerAccountPerDay: z.number().int().optional(),
});
export type ServiceRules = z.infer<typeof serviceRulesSchema>;

export const serviceSummarySchema = z.strictObject({
  id: idSchema,
  kind: serviceKindSchema,
  name: z.string(),
  summary: z.string(),
  phone: z.string(),
  siteCount: z.number().int().min(0),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

/** `GET /api/services`. */
export const servicesListSchema = pagedSchema(serviceSummarySchema);

/**
 * One meal of a 助餐 site's weekly menu: what is served on an ISO weekday (1 = Monday … 7 = Sunday)
 * in the slot that starts at `start` (Shanghai `HH:mm`), so a citizen choosing lunch or dinner sees
 * the dishes.
 */
export const siteMealSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  start: z.string().regex(/^\d{2}:\d{2}$/),
  dishes: z.string().min(1).max(60),
});
export type SiteMeal = z.infer<typeof siteMealSchema>;

export const serviceSiteSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  hours: z.string(),
  /** GCJ-02 coordinates (WeChat's datum); a browser's WGS-84 position is converted before measuring. */
  location: z.strictObject({ lat: z.number(), lng: z.number() }),
  demo: z.boolean(),
  /** The site's weekly menu (助餐 sites that publish one); absent where there is none. */
  menu: z.array(siteMealSchema).optional(),
});
export type ServiceSite = z.infer<typeof serviceSiteSchema>;

/** The dishes served in a slot starting at `start` (an instant), from its site's weekly menu; undefined when it has none. */
export function mealOf(site: Pick<ServiceSite, 'menu'> | undefined, start: string): string | undefined {
  if (!site?.menu?.length) return undefined;
  const shanghai = toIso(new Date(start));
  const weekday = isoWeekday(shanghai.slice(0, 10));
  const hhmm = shanghai.slice(11, 16);
  return site.menu.find((m) => m.weekday === weekday && m.start === hhmm)?.dishes;
}

/** `GET /api/services/:id`: the service with its sites and booking form. */
export const serviceDetailSchema = serviceSummarySchema.extend({
  description: z.string(),
  rules: serviceRulesSchema,
  sites: z.array(serviceSiteSchema),
  form: z.array(formFieldSchema),
});
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;

export const slotSchema = z.strictObject({
  id: idSchema,
  siteId: idSchema,
  start: instantSchema,
  end: instantSchema,
  capacity: z.number().int().min(1),
  remaining: z.number().int().min(0),
  /** Whether the booking window is open now (not before it opens, not after its cut-off). */
  bookable: z.boolean(),
  /** Why it cannot be booked now, for its tile (slotUnavailableReason): 未开放, 已约满, 今日订餐已于 9:00 截止…; null while it can. */
  unavailableReason: z.string().nullable(),
});
export type Slot = z.infer<typeof slotSchema>;

/** `GET /api/services/:id/slots`. */
export const slotsAnswerSchema = z.strictObject({
  items: z.array(slotSchema),
  /** Every booking and cancellation up to this instant is counted in `remaining` (at most ~1 s old). */
  asOf: instantSchema.optional(),
});
export type SlotsAnswer = z.infer<typeof slotsAnswerSchema>;

/** `POST /api/admin/slots`: the slot just opened (every seat still free). */
export const createdSlotSchema = slotSchema.omit({ bookable: true, unavailableReason: true }).extend({ serviceId: idSchema });
export type CreatedSlot = z.infer<typeof createdSlotSchema>;

/** How each kind is named on the 办事 tab. */
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  'insurance-doorstep': '医保上门办',
  'insurance-appointment': '医保预约办',
  childcare: '托育服务',
  'elderly-meal': '老年助餐',
};
