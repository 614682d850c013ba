import type { Context } from 'koa';
import type { AuditEntry, Paged } from '@jingkai/shared';
import { toIso } from '../../lib/time';
import * as repo from './repo';

/** Records a staff or admin write: who, what, on which target, when, under which request. */
export async function record(ctx: Context, action: string, targetType: string, targetId: string, detail: Record<string, unknown> = {}) {
  await repo.append({
    actorId: ctx.state.user.id,
    action,
    targetType,
    targetId,
    detail,
    requestId: ctx.state.requestId,
    at: ctx.state.now(),
  });
}

export async function list(
  filter: { actorId?: string; action?: string; from?: string; to?: string },
  page: number,
  pageSize: number,
): Promise<Paged<AuditEntry>> {
  const { docs, total } = await repo.list(
    {
      actorId: filter.actorId,
      action: filter.action,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
    },
    (page - 1) * pageSize,
    pageSize,
  );
  return {
    items: docs.map((d) => ({
      id: String(d._id),
      actorId: String(d.actorId),
      action: d.action,
      targetType: d.targetType,
      targetId: d.targetId,
      detail: d.detail,
      requestId: d.requestId,
      at: toIso(d.at),
    })),
    total,
    page,
    pageSize,
  };
}
