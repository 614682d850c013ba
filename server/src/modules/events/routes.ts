import Router from '@koa/router';
import { eventDetailSchema, eventsListSchema, eventsQuerySchema, idParamsSchema } from '@jingkai/shared';
import { validate } from '../../http/validate';
import type { Deps } from '../../deps';
import * as service from './service';

export function eventsRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/events' });
  router.get('/', validate({ query: eventsQuerySchema, response: eventsListSchema }), async (ctx) => {
    const { status, page, pageSize } = ctx.state.query;
    ctx.body = await service.list(status, page, pageSize, deps.now());
  });
  router.get('/:id', validate({ params: idParamsSchema, response: eventDetailSchema }), async (ctx) => {
    ctx.body = await service.get(ctx.state.params.id);
  });
  return router;
}
