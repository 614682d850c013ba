import Router from '@koa/router';
import { idParamsSchema, serviceDetailSchema, servicesListSchema, slotsAnswerSchema, slotsQuerySchema } from '@jingkai/shared';
import { validate } from '../../http/validate';
import { sendSerialised } from '../../lib/serialised';
import type { Deps } from '../../deps';
import * as service from './service';

export function servicesRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/services' });
  router.get('/', validate({ response: servicesListSchema }), async (ctx) => {
    const items = await service.list();
    ctx.body = { items, total: items.length, page: 1, pageSize: items.length };
  });
  router.get('/:id', validate({ params: idParamsSchema, response: serviceDetailSchema }), async (ctx) => {
    ctx.body = await service.get(ctx.state.params.id);
  });
  router.get('/:id/slots', validate({ params: idParamsSchema, query: slotsQuerySchema, response: slotsAnswerSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const { id } = ctx.state.params;
    sendSerialised(ctx, await service.slotsServed(id, ctx.state.query.from, ctx.state.query.to, deps.now(), deps.seatCounts));
  });
  return router;
}
