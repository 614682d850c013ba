import { z } from 'zod';

/**
 * zod's own messages in Chinese, for the checks a schema leaves without a message of its own (an
 * unexpected type, an option not in a list): every `fields` text is one a citizen can read.
 */
z.config(z.locales.zhCN());

/** A 24-hex MongoDB ObjectId in its string form. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

/**
 * A whole number in a query string, `min..max`. Query values arrive as text, so only plain digits
 * count (`?page=2`): not `true`, a repeated key (an array), `1e3`, ` 2` or `0x10`, which a
 * `z.coerce.number()` would all turn into numbers.
 */
export function queryIntSchema(label: string, min: number, max: number, messages: { min?: string; max?: string } = {}) {
  return z
    .string({ error: `${label}必须是数字` })
    .regex(/^\d{1,9}$/, `${label}必须是整数`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, messages.min ?? `${label}不能小于 ${min}`)
        .max(max, messages.max ?? `${label}不能大于 ${max}`),
    );
}

/** `page` from 1, `pageSize` 1..50; both arrive as query strings. */
export const paginationSchema = z.object({
  page: queryIntSchema('页码', 1, 10_000, { min: '页码从 1 开始', max: '页码太大' }).default(1),
  pageSize: queryIntSchema('每页条数', 1, 50, { min: '每页至少 1 条', max: '每页最多 50 条' }).default(10),
});

/** Whether `YYYY-MM-DD` names a day that exists (no 2025-02-30, no month 13), years 1900..2199. */
export function isCalendarDate(value: string): boolean {
  if (!/^(19|2[01])\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD`, a real calendar date in Asia/Shanghai. */
export const dateSchema = z
  .string({ error: '日期格式应为 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCalendarDate, '没有这一天，请检查日期');

export const idParamsSchema = z.strictObject({ id: objectIdSchema });

/** The list envelope of the contract. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Response schemas are strict: a field the contract does not name (a raw document's `_id`, a
 * decrypted number) makes the answer fail its schema in the tests instead of reaching a client.
 */

/** An id in an answer: a MongoDB ObjectId in its string form. */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/);

/** An instant in an answer: ISO 8601 with its offset (`2026-08-18T09:00:00+08:00`). */
export const instantSchema = z.iso.datetime({ offset: true });

/** A `YYYY-MM-DD` date in an answer. */
export const dayAnswerSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const count = z.number().int().min(0);

/** The list envelope `{ items, total, page, pageSize }` around the schema of one item. */
export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), total: count, page: z.number().int().min(1), pageSize: count });
}
