import Router from '@koa/router';
import { healthSchema, type HealthBody } from '@jingkai/shared';
import { validate } from '../../http/validate';
import { pingDb } from '../../db';

export function healthRoutes(): Router {
  const router = new Router();
  router.get('/api/health', validate({ response: healthSchema }), async (ctx) => {
    const up = await pingDb();
    const body: HealthBody = { ok: up, db: up ? 'up' : 'down' };
    ctx.status = up ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
  return router;
}
