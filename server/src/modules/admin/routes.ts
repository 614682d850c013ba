import Router from '@koa/router';
import { z } from 'zod';
import {
  adminUsersSchema,
  auditListSchema,
  auditQuerySchema,
  meUserSchema,
  paginationSchema,
  roleGrantSchema,
  roleRevokeSchema,
  ROLES,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireRole, requireUser } from '../../http/auth';
import { validate } from '../../http/validate';
import * as audit from '../audit';
import * as service from './service';

const usersQuerySchema = paginationSchema.extend({ role: z.enum(ROLES).optional() }).strict();

export function adminRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/admin' });
  router.use(['/roles', '/roles/revoke', '/users', '/audit'], requireUser(deps), requireRole('admin'), limitWritesPerPerson(deps));
  router.get('/users', validate({ query: usersQuerySchema, response: adminUsersSchema }), async (ctx) => {
    const q = ctx.state.query;
    ctx.body = await service.listUsers(deps, q.role, q.page, q.pageSize);
  });
  router.post('/roles', validate({ body: roleGrantSchema, response: meUserSchema }), async (ctx) => {
    ctx.body = await service.grant(deps, ctx, ctx.state.body);
  });
  router.post('/roles/revoke', validate({ body: roleRevokeSchema, response: meUserSchema }), async (ctx) => {
    ctx.body = await service.revoke(deps, ctx, ctx.state.body);
  });
  router.get('/audit', validate({ query: auditQuerySchema, response: auditListSchema }), async (ctx) => {
    const q = ctx.state.query;
    ctx.body = await audit.list(q, q.page, q.pageSize);
  });
  return router;
}
