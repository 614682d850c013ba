import Router from '@koa/router';
import { loginBodySchema, loginResultSchema } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { validate } from '../../http/validate';
import * as service from './service';

export function authRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/auth' });
  router.post('/login', validate({ body: loginBodySchema, response: loginResultSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await service.login(deps, ctx.state.body.code);
  });
  return router;
}
