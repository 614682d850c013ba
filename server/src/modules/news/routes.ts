import Router from '@koa/router';
import { idParamsSchema, newsListQuerySchema, type NewsListQuery } from '@jingkai/shared';
import { validate } from '../../http/validate';
import * as service from './service';

export function newsRoutes(): Router {
  const router = new Router({ prefix: '/api/news' });
  router.get('/', validate({ query: newsListQuerySchema }), async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=30');
    ctx.body = await service.list(ctx.state.query as NewsListQuery);
  });
  router.get('/:id', validate({ params: idParamsSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = await service.get(ctx.state.params.id);
  });
  return router;
}
