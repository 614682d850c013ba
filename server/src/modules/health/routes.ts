import Router from '@koa/router';
import type { HealthBody } from '@jingkai/shared';
import { pingDb } from '../../db';

export function healthRoutes(): Router {
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    const up = await pingDb();
    const body: HealthBody = { ok: up, db: up ? 'up' : 'down' };
    ctx.status = up ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
  return router;
}
