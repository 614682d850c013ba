import { personLabel, type AdminUser, type MeUser, type Paged, type Role } from '@jingkai/shared';
import type { Context } from 'koa';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import * as audit from '../audit';
import * as services from '../services';
import * as events from '../events';
import * as users from '../users';

async function checkTargets(serviceIds: string[], eventIds: string[]) {
  const fields: Record<string, string> = {};
  for (const [i, id] of serviceIds.entries()) if (!(await services.findService(id))) fields[`serviceIds.${i}`] = '没有这项服务';
  for (const [i, id] of eventIds.entries()) if (!(await events.findEvent(id))) fields[`eventIds.${i}`] = '没有这个活动';
  if (Object.keys(fields).length) throw validationError(fields);
}

const scopesOf = (u: users.UserDoc): users.StaffScopes => ({
  serviceIds: u.staffServiceIds.map(String),
  eventIds: u.staffEventIds.map(String),
  news: u.staffNews === true,
  requestUnits: [...(u.staffRequestUnits ?? [])],
});

/**
 * Grants `admin`, or `staff` with scopes added to those already held (services, events, 资讯管理).
 * Revokes older tokens of the user.
 */
export async function grant(
  deps: Deps,
  ctx: Context,
  body: { userId: string; role: 'staff' | 'admin'; serviceIds?: string[]; eventIds?: string[]; news?: boolean; requestUnits?: string[] },
): Promise<MeUser> {
  const u = await users.findById(body.userId);
  if (!u) throw notFound('NOT_FOUND', '没有这个用户');
  const roles = new Set(u.roles as Role[]);
  roles.add(body.role);
  const scopes = scopesOf(u);
  if (body.role === 'staff') {
    if (!body.serviceIds?.length && !body.eventIds?.length && !body.news && !body.requestUnits?.length)
      throw validationError({ serviceIds: '请至少选择一项服务、一个活动、资讯管理或诉求办理' });
    await checkTargets(body.serviceIds ?? [], body.eventIds ?? []);
    scopes.serviceIds = [...new Set([...scopes.serviceIds, ...(body.serviceIds ?? [])])];
    scopes.eventIds = [...new Set([...scopes.eventIds, ...(body.eventIds ?? [])])];
    scopes.news ||= body.news === true;
    scopes.requestUnits = [...new Set([...scopes.requestUnits, ...(body.requestUnits ?? [])])];
  }
  const updated = await users.setRoles(body.userId, [...roles], scopes, deps.now());
  await audit.record(ctx, 'role.grant', 'user', body.userId, {
    role: body.role,
    serviceIds: body.serviceIds ?? [],
    eventIds: body.eventIds ?? [],
    news: body.news === true,
    ...(body.requestUnits?.length ? { requestUnits: body.requestUnits } : {}),
  });
  return users.present(deps, updated!);
}

/**
 * Revokes a role (and, for staff, every scope). With `scope: 'news'` (or `'requests'`), only a staff
 * member's 资讯管理 (or 诉求办理);
 * a staff member left with no scope at all loses the role too.
 */
export async function revoke(
  deps: Deps,
  ctx: Context,
  body: { userId: string; role: 'staff' | 'admin'; scope?: 'news' | 'requests' },
): Promise<MeUser> {
  const u = await users.findById(body.userId);
  if (!u) throw notFound('NOT_FOUND', '没有这个用户');
  if (body.role === 'admin' && body.userId === ctx.state.user.id) throw validationError({ userId: '不能撤销自己的管理员权限' });
  if (body.scope && body.role !== 'staff') throw validationError({ scope: '资讯管理和诉求办理只能从工作人员撤销' });
  let roles = (u.roles as Role[]).filter((r) => r !== body.role);
  let scopes = scopesOf(u);
  if (body.scope) {
    if (body.scope === 'news') scopes.news = false;
    else scopes.requestUnits = [];
    const scopeLeft = scopes.serviceIds.length > 0 || scopes.eventIds.length > 0 || scopes.news || scopes.requestUnits.length > 0;
    roles = scopeLeft ? (u.roles as Role[]) : roles;
  } else if (body.role === 'staff') scopes = { serviceIds: [], eventIds: [], news: false, requestUnits: [] };
  const updated = await users.setRoles(body.userId, roles, scopes, deps.now());
  await audit.record(ctx, 'role.revoke', 'user', body.userId, { role: body.role, ...(body.scope && { scope: body.scope }) });
  return users.present(deps, updated!);
}

export async function listUsers(deps: Deps, role: Role | undefined, page: number, pageSize: number): Promise<Paged<AdminUser>> {
  const { docs, total } = await users.listUsers((page - 1) * pageSize, pageSize, { role });
  return {
    items: docs.map((u) => {
      const p = users.present(deps, u);
      return { ...p, displayName: personLabel(p, u.createdAt, u.lastLoginAt) };
    }),
    total,
    page,
    pageSize,
  };
}
