import type { BookingView } from '@jingkai/shared';
import { loadFor, type Context } from './lifecycle';
import { lookup, present } from './present';
import * as repo from './repo';

export async function get(ctx: Context, id: string): Promise<BookingView> {
  const { b, owner } = await loadFor(ctx, id);
  return present(ctx.deps, b, { childName: owner });
}

/** The person's bookings, newest first, cancelled ones included. */
export async function listMine(ctx: Context, page: number, pageSize: number) {
  const { docs, total } = await repo.listByUser(ctx.user.id, (page - 1) * pageSize, pageSize);
  const look = lookup();
  return { items: await Promise.all(docs.map((d) => present(ctx.deps, d, { childName: true }, look))), total, page, pageSize };
}
