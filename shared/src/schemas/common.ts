import { z } from 'zod';

/** A 24-hex MongoDB ObjectId in its string form. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

/** `page` from 1, `pageSize` 1..50; both arrive as query strings. */
export const paginationSchema = z.object({
  page: z.coerce.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码从 1 开始').max(10_000, '页码太大').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是数字' })
    .int('每页条数必须是整数')
    .min(1, '每页至少 1 条')
    .max(50, '每页最多 50 条')
    .default(10),
});

/** `YYYY-MM-DD`, a calendar date in Asia/Shanghai. */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const idParamsSchema = z.strictObject({ id: objectIdSchema });

/** The list envelope of the contract. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
