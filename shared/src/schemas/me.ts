import { z } from 'zod';
import { instantSchema } from './common';
import { bookingViewSchema } from './bookings';
import { familyMemberSchema, meUserSchema } from './identity';
import { registrationViewSchema } from './registrations';
import { requestDetailSchema } from './requests';

/**
 * `GET /api/me/export` (导出我的数据): everything kept about the person, masked as in every other
 * answer: the account, family members, bookings, event registrations and 诉求, each as the person's
 * own pages show them.
 */
export const myDataSchema = z.strictObject({
  exportedAt: instantSchema,
  account: meUserSchema.extend({ createdAt: instantSchema, lastLoginAt: instantSchema.nullable() }),
  familyMembers: z.array(familyMemberSchema),
  bookings: z.array(bookingViewSchema),
  registrations: z.array(registrationViewSchema),
  requests: z.array(requestDetailSchema),
  notes: z.array(z.string()),
});
export type MyData = z.infer<typeof myDataSchema>;
