import { maskOpenid, type Role } from '@jingkai/shared';
import type { Context } from 'koa';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import * as audit from '../audit/service';
import * as services from '../services/repo';
import * as events from '../events/repo';
import * as users from '../users/repo';
import { present } from '../users/service';

async function checkTargets(serviceIds: string[], eventIds: string[]) {
  const fields: Record<string, string> = {};
  for (const [i, id] of serviceIds.entries()) if (!(await services.findService(id))) fields[`serviceIds.${i}`] = '没有这项服务';
  for (const [i, id] of eventIds.entries()) if (!(await events.findEvent(id))) fields[`eventIds.${i}`] = '没有这个活动';
  if (Object.keys(fields).length) throw validationError(fields);
}

/** Grants `staff` (scoped to services and/or events) or `admin`. Revokes older tokens of the user. */
export async function grant(
  deps: Deps,
  ctx: Context,
  body: { userId: string; role: 'staff' | 'admin'; serviceIds?: string[]; eventIds?: string[] },
) {
  const u = await users.findById(body.userId);
  if (!u) throw notFound('NOT_FOUND', '没有这个用户');
  const roles = new Set(u.roles as Role[]);
  roles.add(body.role);
  let serviceIds = u.staffServiceIds.map(String);
  let eventIds = u.staffEventIds.map(String);
  if (body.role === 'staff') {
    if (!body.serviceIds?.length && !body.eventIds?.length) throw validationError({ serviceIds: '请至少选择一项服务或一个活动' });
    await checkTargets(body.serviceIds ?? [], body.eventIds ?? []);
    serviceIds = [...new Set([...serviceIds, ...(body.serviceIds ?? [])])];
    eventIds = [...new Set([...eventIds, ...(body.eventIds ?? [])])];
  }
  const updated = await users.setRoles(body.userId, [...roles], serviceIds, eventIds, deps.now());
  await audit.record(ctx, 'role.grant', 'user', body.userId, {
    role: body.role,
    serviceIds: body.serviceIds ?? [],
    eventIds: body.eventIds ?? [],
  });
  return present(deps, updated!);
}

/** Revokes a role (and, for staff, every scope). */
export async function revoke(deps: Deps, ctx: Context, body: { userId: string; role: 'staff' | 'admin' }) {
  const u = await users.findById(body.userId);
  if (!u) throw notFound('NOT_FOUND', '没有这个用户');
  if (body.role === 'admin' && body.userId === ctx.state.user.id) throw validationError({ userId: '不能撤销自己的管理员权限' });
  const roles = (u.roles as Role[]).filter((r) => r !== body.role);
  const staff = body.role === 'staff';
  const updated = await users.setRoles(
    body.userId,
    roles,
    staff ? [] : u.staffServiceIds.map(String),
    staff ? [] : u.staffEventIds.map(String),
    deps.now(),
  );
  await audit.record(ctx, 'role.revoke', 'user', body.userId, { role: body.role });
  return present(deps, updated!);
}

export async function listUsers(deps: Deps, role: Role | undefined, page: number, pageSize: number) {
  const { docs, total } = await users.listUsers((page - 1) * pageSize, pageSize, { role });
  return { items: docs.map((u) => ({ ...present(deps, u), openid: maskOpenid(u.openid) })), total, page, pageSize };
}
