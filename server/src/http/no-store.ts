import type { Middleware } from 'koa';

/** Answers that are one person's, or change from second to second: no cache on the way may keep them. */
export const noStore: Middleware = async (ctx, next) => {
  ctx.set('Cache-Control', 'no-store');
  await next();
};
