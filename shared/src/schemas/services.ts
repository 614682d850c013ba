import { z } from 'zod';
import { dateSchema } from './common';

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
});
export type FormField = z.infer<typeof formFieldSchema>;

export const slotsQuerySchema = z.strictObject({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

/** Booking rules of a service. Times are minutes relative to a slot's start. */
export interface ServiceRules {
  /** Slots open for booking this many days ahead (at midnight). */
  opensDaysAhead: number;
  /** Booking closes this many minutes before the start. */
  closesMinutesBefore: number;
  /** For 助餐: orders close at this Shanghai time on the meal's day (`HH:mm`), whichever is earlier. */
  orderCutoff?: string;
  /** A citizen may cancel until this many minutes before the start. */
  cancelMinutesBefore: number;
  /** Active bookings one person may hold for this service on one day. */
  maxActivePerDay: number;
}

export interface ServiceSummary {
  id: string;
  kind: ServiceKind;
  name: string;
  summary: string;
  phone: string;
  siteCount: number;
}

export interface ServiceSite {
  id: string;
  name: string;
  address: string;
  phone: string;
  hours: string;
  location: { lat: number; lng: number };
  demo: boolean;
}

export interface ServiceDetail extends ServiceSummary {
  description: string;
  rules: ServiceRules;
  sites: ServiceSite[];
  form: FormField[];
}

export interface Slot {
  id: string;
  siteId: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  /** Whether the booking window is open now (not before it opens, not after its cut-off). */
  bookable: boolean;
}

/** How each kind is named on the 办事 tab. */
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  'insurance-doorstep': '医保上门办',
  'insurance-appointment': '医保预约办',
  childcare: '托育服务',
  'elderly-meal': '老年助餐',
};
