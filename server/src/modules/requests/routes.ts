import Router from '@koa/router';
import {
  idParamsSchema,
  myRequestsSchema,
  paginationSchema,
  photoUploadedSchema,
  ratingBodySchema,
  ratingViewSchema,
  requestAdditionBodySchema,
  requestBodySchema,
  requestCreatedSchema,
  requestDetailSchema,
  requestStatsQuerySchema,
  requestStatsSchema,
  requestTransitionBodySchema,
  staffRequestsQuerySchema,
  staffRequestsSchema,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireRequestsScope, requireUser } from '../../http/auth';
import { answerCreate, idempotencyKey } from '../../http/idempotency';
import { noStore } from '../../http/no-store';
import { validate } from '../../http/validate';
import { sendWorkbook } from '../../lib/workbook';
import { fileRequest } from './file';
import { transition } from './lifecycle';
import { readPhoto, savePhoto } from './photos';
import * as queries from './queries';
import { rateBooking, rateRegistration, rateRequest } from './rating';
import { exportStats, stats } from './stats';

/** 诉求 (12345-style requests), their photos, 好差评 of requests, bookings and event visits, and the staff queue. */
export function requestRoutes(deps: Deps): Router {
  const router = new Router();
  const auth = [requireUser(deps), limitWritesPerPerson(deps)];

  router.post(
    '/api/requests',
    ...auth,
    idempotencyKey(),
    validate({ body: requestBodySchema, response: requestCreatedSchema }),
    async (ctx) => {
      await answerCreate(ctx, deps, (opId) => fileRequest(deps, ctx.state.user.id, ctx.state.body, opId));
    },
  );
  router.post('/api/requests/photos', ...auth, validate({ response: photoUploadedSchema }), async (ctx) => {
    ctx.status = 201;
    ctx.body = await savePhoto(deps, ctx, ctx.state.user.id);
  });
  // Public by their unguessable content-hash names, like avatars, so <image> can show them without a header.
  router.get('/api/request-photos/:name', async (ctx) => {
    const { body, type } = await readPhoto(deps, ctx.params.name ?? '');
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.body = body;
  });
  router.get(
    '/api/me/requests',
    ...auth,
    noStore,
    validate({ query: paginationSchema.strict(), response: myRequestsSchema }),
    async (ctx) => {
      ctx.body = await queries.listMine(deps, ctx.state.user.id, ctx.state.query.page, ctx.state.query.pageSize);
    },
  );
  router.get('/api/requests/:id', ...auth, noStore, validate({ params: idParamsSchema, response: requestDetailSchema }), async (ctx) => {
    ctx.body = await queries.detail(deps, ctx.state.user, ctx.state.params.id);
  });
  router.post(
    '/api/requests/:id/additions',
    ...auth,
    validate({ params: idParamsSchema, body: requestAdditionBodySchema, response: requestDetailSchema }),
    async (ctx) => {
      ctx.status = 201;
      ctx.body = await queries.addInformation(deps, ctx.state.user, ctx.state.params.id, ctx.state.body.text);
    },
  );
  const rating = { params: idParamsSchema, body: ratingBodySchema, response: ratingViewSchema };
  router.post('/api/requests/:id/rating', ...auth, validate(rating), async (ctx) => {
    ctx.status = 201;
    ctx.body = await rateRequest(deps, ctx.state.user, ctx.state.params.id, ctx.state.body);
  });
  router.post('/api/bookings/:id/rating', ...auth, validate(rating), async (ctx) => {
    ctx.status = 201;
    ctx.body = await rateBooking(deps, ctx.state.user, ctx.state.params.id, ctx.state.body);
  });
  router.post('/api/registrations/:id/rating', ...auth, validate(rating), async (ctx) => {
    ctx.status = 201;
    ctx.body = await rateRegistration(deps, ctx.state.user, ctx.state.params.id, ctx.state.body);
  });

  const staff = [...auth, requireRequestsScope, noStore];
  router.get('/api/staff/requests', ...staff, validate({ query: staffRequestsQuerySchema, response: staffRequestsSchema }), async (ctx) => {
    ctx.body = await queries.queue(deps, ctx.state.user, ctx.state.query);
  });
  router.get(
    '/api/staff/requests/stats',
    ...staff,
    validate({ query: requestStatsQuerySchema, response: requestStatsSchema }),
    async (ctx) => {
      ctx.body = await stats(deps, ctx.state.user, ctx.state.query);
    },
  );
  router.get('/api/staff/requests/stats/export', ...staff, validate({ query: requestStatsQuerySchema }), async (ctx) => {
    sendWorkbook(ctx, await exportStats(deps, ctx, ctx.state.query));
  });
  router.get('/api/staff/requests/export', ...staff, validate({ query: staffRequestsQuerySchema }), async (ctx) => {
    const { page: _page, pageSize: _size, ...filter } = ctx.state.query;
    sendWorkbook(ctx, await queries.exportQueue(deps, ctx, filter));
  });
  router.post(
    '/api/staff/requests/:id/transition',
    ...staff,
    validate({ params: idParamsSchema, body: requestTransitionBodySchema, response: requestDetailSchema }),
    async (ctx) => {
      ctx.body = await transition(deps, ctx, ctx.state.params.id, ctx.state.body);
    },
  );
  return router;
}
