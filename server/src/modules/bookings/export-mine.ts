import type { BookingView } from '@jingkai/shared';
import type { Context } from './lifecycle';
import { listMine } from './queries';

const PAGE = 100;

/**
 * Every booking of the caller, newest first, masked exactly as `GET /api/me/bookings` answers them
 * (it reads through the same `listMine`), for 导出我的数据.
 */
export async function exportMine(ctx: Context): Promise<BookingView[]> {
  const all: BookingView[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listMine(ctx, page, PAGE);
    all.push(...items);
    if (items.length < PAGE || all.length >= total) return all;
  }
}
