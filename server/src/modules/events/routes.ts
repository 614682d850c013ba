import Router from '@koa/router';
import {
  POSTER_MAX_BYTES,
  posterUploadedSchema,
  checkinBatchResultSchema,
  checkinBatchSchema,
  checkinBodySchema,
  checkinResultSchema,
  eventCountsSchema,
  eventCreateSchema,
  eventDetailSchema,
  eventPatchSchema,
  eventsListSchema,
  eventsQuerySchema,
  idParamsSchema,
  offlineListSchema,
  offlineQuerySchema,
  paginationSchema,
  registrationBodySchema,
  registrationCancelSchema,
  registrationViewSchema,
  registrationsListSchema,
  staffAttendeesQuerySchema,
  staffAttendeesSchema,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireRole, requireUser } from '../../http/auth';
import { answerCreate, idempotencyKey } from '../../http/idempotency';
import { validationError } from '../../http/errors';
import { validate } from '../../http/validate';
import { readRawBody } from '../../lib/raw-body';
import { sendWorkbook } from '../../lib/workbook';
import * as audit from '../audit';
import { newsMedia } from '../news';
import { attendeeList, exportAttendees } from './attendees';
import { createEvent, patchEvent } from './admin';
import { cancel, get as getRegistration, listMine } from './cancel';
import { checkIn, counts, offlineList, uploadScans } from './checkin';
import { register } from './register';
import * as service from './service';
import { sendSerialised } from '../../lib/serialised';

export function eventsRoutes(deps: Deps): Router {
  const router = new Router();
  const auth = [requireUser(deps), limitWritesPerPerson(deps)];
  const staff = [...auth, requireRole('staff', 'admin')];
  const admin = [...auth, requireRole('admin')];
  const ctxOf = (ctx: { state: { user: Parameters<typeof register>[0]['user'] } }) => ({ deps, user: ctx.state.user });

  router.get('/api/events', validate({ query: eventsQuerySchema, response: eventsListSchema }), async (ctx) => {
    ctx.body = await service.list(ctx.state.query, deps.now());
  });
  router.get('/api/events/:id', validate({ params: idParamsSchema, response: eventDetailSchema }), async (ctx) => {
    sendSerialised(ctx, await service.servedDetail(ctx.state.params.id, deps.seatCounts, deps.now()));
  });

  router.post(
    '/api/events/:id/registrations',
    ...auth,
    idempotencyKey(),
    validate({ params: idParamsSchema, body: registrationBodySchema, response: registrationViewSchema }),
    async (ctx) => {
      await answerCreate(ctx, deps, (opId, resumed) => register(ctxOf(ctx), ctx.state.params.id, ctx.state.body, { opId, resumed }));
    },
  );
  router.get('/api/registrations/:id', ...auth, validate({ params: idParamsSchema, response: registrationViewSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await getRegistration(ctxOf(ctx), ctx.state.params.id);
  });
  router.post(
    '/api/registrations/:id/cancel',
    ...auth,
    validate({ params: idParamsSchema, body: registrationCancelSchema, response: registrationViewSchema }),
    async (ctx) => {
      ctx.body = await cancel(ctxOf(ctx), ctx.state.params.id, ctx.state.body.attendees);
    },
  );
  router.get(
    '/api/me/registrations',
    ...auth,
    validate({ query: paginationSchema.strict(), response: registrationsListSchema }),
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await listMine(ctxOf(ctx), ctx.state.query.page, ctx.state.query.pageSize);
    },
  );

  router.post('/api/staff/checkins', ...staff, validate({ body: checkinBodySchema, response: checkinResultSchema }), async (ctx) => {
    ctx.body = await checkIn(ctxOf(ctx), ctx.state.body);
  });
  router.post(
    '/api/staff/checkins/batch',
    ...staff,
    validate({ body: checkinBatchSchema, response: checkinBatchResultSchema }),
    async (ctx) => {
      ctx.body = await uploadScans(ctxOf(ctx), ctx.state.body.scans);
    },
  );
  router.get(
    '/api/staff/events/:id/offline',
    ...staff,
    validate({ params: idParamsSchema, query: offlineQuerySchema, response: offlineListSchema }),
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await offlineList(ctxOf(ctx), ctx.state.params.id, ctx.state.query.sessionId);
    },
  );
  router.get('/api/staff/events/:id/counts', ...staff, validate({ params: idParamsSchema, response: eventCountsSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await counts(ctxOf(ctx), ctx.state.params.id);
  });

  router.get(
    '/api/staff/events/:id/attendees',
    ...staff,
    validate({ params: idParamsSchema, query: staffAttendeesQuerySchema, response: staffAttendeesSchema }),
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await attendeeList(ctxOf(ctx), ctx.state.params.id, ctx.state.query);
    },
  );
  router.get(
    '/api/staff/events/:id/attendees/export',
    ...staff,
    validate({ params: idParamsSchema, query: staffAttendeesQuerySchema }),
    async (ctx) => {
      const { id } = ctx.state.params;
      const out = await exportAttendees(ctxOf(ctx), id, ctx.state.query);
      await audit.record(ctx, 'event.export', 'event', id, { ...ctx.state.query, rows: out.rows });
      sendWorkbook(ctx, out);
    },
  );

  router.post('/api/admin/events', ...admin, validate({ body: eventCreateSchema, response: eventDetailSchema }), async (ctx) => {
    const ev = await createEvent(deps, ctx.state.body);
    await audit.record(ctx, 'event.create', 'event', ev.id, { title: ev.title, sessions: ev.sessions.length });
    ctx.status = 201;
    ctx.body = ev;
  });
  router.post('/api/admin/events/poster', ...admin, validate({ response: posterUploadedSchema }), async (ctx) => {
    const bytes = await readRawBody(ctx, POSTER_MAX_BYTES, () => validationError({ body: '海报不能超过 2MB，请压缩后再上传' }));
    const url = await newsMedia(deps).save(bytes);
    if (!url) throw validationError({ body: '请上传 PNG、JPG 或 WebP 图片' });
    ctx.status = 201;
    ctx.body = { url };
  });
  router.patch(
    '/api/admin/events/:id',
    ...admin,
    validate({ params: idParamsSchema, body: eventPatchSchema, response: eventDetailSchema }),
    async (ctx) => {
      const ev = await patchEvent(deps, ctx.state.params.id, ctx.state.body);
      await audit.record(ctx, 'event.update', 'event', ev.id, { fields: Object.keys(ctx.state.body) });
      ctx.body = ev;
    },
  );
  return router;
}
