import Router from '@koa/router';
import { accountDeletedSchema, meUserSchema, myDataSchema, phoneBindSchema, profilePatchSchema } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireUser } from '../../http/auth';
import { validate } from '../../http/validate';
import * as service from './service';
import { readAvatar, saveAvatar } from './avatar';

/** Avatars are public by their unguessable content-hash name, like WeChat's own avatar URLs. */
export function avatarRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/api/avatars/:name', async (ctx) => {
    const { body, type } = await readAvatar(deps.config.avatarDir, ctx.params.name ?? '');
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.body = body;
  });
  return router;
}

export function meRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/me' });
  router.use(requireUser(deps), limitWritesPerPerson(deps));
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.get('/', validate({ response: meUserSchema }), async (ctx) => {
    ctx.body = await service.me(deps, ctx.state.user.id);
  });
  router.patch('/', validate({ body: profilePatchSchema, response: meUserSchema }), async (ctx) => {
    ctx.body = await service.updateProfile(deps, ctx.state.user.id, ctx.state.body);
  });
  router.post('/phone', validate({ body: phoneBindSchema, response: meUserSchema }), async (ctx) => {
    ctx.body = await service.bindPhone(deps, ctx.state.user.id, ctx.state.body.code);
  });
  router.post('/avatar', validate({ response: meUserSchema }), async (ctx) => {
    const url = await saveAvatar(ctx, deps.config.avatarDir);
    ctx.body = await service.updateProfile(deps, ctx.state.user.id, { avatarUrl: url });
  });
  router.get('/export', validate({ response: myDataSchema }), async (ctx) => {
    ctx.set('Content-Disposition', 'inline; filename="my-data.json"');
    ctx.body = await service.exportData(deps, ctx.state.user);
  });
  router.delete('/', validate({ response: accountDeletedSchema }), async (ctx) => {
    ctx.body = await service.deleteAccount(deps, ctx.state.user.id);
  });
  return router;
}
