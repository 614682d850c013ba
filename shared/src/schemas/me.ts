import { z } from 'zod';
import { instantSchema } from './common';
import { bookingViewSchema } from './bookings';
import { familyMemberSchema, meUserSchema } from './identity';

/**
 * `GET /api/me/export` (导出我的数据): everything kept about the person, masked as in every other
 * answer. `registrations` stays empty until event sign-ups exist.
 */
export const myDataSchema = z.strictObject({
  exportedAt: instantSchema,
  account: meUserSchema.extend({ createdAt: instantSchema, lastLoginAt: instantSchema.nullable() }),
  familyMembers: z.array(familyMemberSchema),
  bookings: z.array(bookingViewSchema),
  registrations: z.array(z.never()),
  notes: z.array(z.string()),
});
export type MyData = z.infer<typeof myDataSchema>;
