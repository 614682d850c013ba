import Router from '@koa/router';
import { familyListSchema, familyMemberBodySchema, familyMemberSchema, idParamsSchema } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireUser } from '../../http/auth';
import { validate } from '../../http/validate';
import * as service from './service';

export function familyRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/me/family' });
  router.use(requireUser(deps), limitWritesPerPerson(deps));
  router.get('/', validate({ response: familyListSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await service.list(deps, ctx.state.user.id);
  });
  router.post('/', validate({ body: familyMemberBodySchema, response: familyMemberSchema }), async (ctx) => {
    ctx.status = 201;
    ctx.body = await service.add(deps, ctx.state.user.id, ctx.state.body);
  });
  router.get('/:id', validate({ params: idParamsSchema, response: familyMemberSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await service.get(deps, ctx.state.user.id, ctx.state.params.id);
  });
  router.delete('/:id', validate({ params: idParamsSchema }), async (ctx) => {
    await service.remove(ctx.state.user.id, ctx.state.params.id);
    ctx.status = 204;
  });
  return router;
}
