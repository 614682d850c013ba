import { z } from 'zod';
import { paginationSchema } from './common';
import type { FormField } from './services';

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
    status: z.enum(['upcoming', 'past', 'all'], { error: 'status 只能是 upcoming、past 或 all' }).default('upcoming'),
  })
  .strict();

export interface EventSummary {
  id: string;
  title: string;
  category: EventCategory;
  startAt: string;
  endAt: string;
  venue: string;
  coverUrl: string | null;
}

export interface EventSession {
  id: string;
  startAt: string;
  endAt: string;
  capacity: number;
  remaining: number;
  waitlist: number;
}

export interface EventDetail extends EventSummary {
  description: string;
  maxAttendees: number;
  waitlist: boolean;
  sessions: EventSession[];
  form: FormField[];
}
