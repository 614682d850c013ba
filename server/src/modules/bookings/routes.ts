import Router from '@koa/router';
import {
  adminSlotBodySchema,
  bookingBodySchema,
  bookingViewSchema,
  cancelBodySchema,
  closedSlotSchema,
  closeSlotBodySchema,
  createdSlotSchema,
  exportQuerySchema,
  myBookingsSchema,
  scheduleBodySchema,
  scheduleResultSchema,
  idParamsSchema,
  paginationSchema,
  staffBookingsQuerySchema,
  staffDaySchema,
  staffVerifySchema,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { limitWritesPerPerson, requireRole, requireUser } from '../../http/auth';
import { answerCreate, idempotencyKey } from '../../http/idempotency';
import { noStore } from '../../http/no-store';
import { validate } from '../../http/validate';
import { sendWorkbook } from '../../lib/workbook';
import * as audit from '../audit';
import * as slots from '../services';
import { create } from './create';
import { exportBookings } from './export';
import * as lifecycle from './lifecycle';
import * as queries from './queries';
import * as staffService from './staff';

export function bookingRoutes(deps: Deps): Router {
  const router = new Router();
  const auth = [requireUser(deps), limitWritesPerPerson(deps)];

  router.post(
    '/api/bookings',
    ...auth,
    idempotencyKey(),
    validate({ body: bookingBodySchema, response: bookingViewSchema }),
    async (ctx) => {
      await answerCreate(ctx, deps, (opId, resumed) => create({ deps, user: ctx.state.user }, ctx.state.body, { opId, resumed }));
    },
  );
  router.get('/api/bookings/:id', ...auth, noStore, validate({ params: idParamsSchema, response: bookingViewSchema }), async (ctx) => {
    ctx.body = await queries.get({ deps, user: ctx.state.user }, ctx.state.params.id);
  });
  router.post(
    '/api/bookings/:id/cancel',
    ...auth,
    validate({ params: idParamsSchema, body: cancelBodySchema, response: bookingViewSchema }),
    async (ctx) => {
      const { view, byStaff } = await lifecycle.cancel({ deps, user: ctx.state.user }, ctx.state.params.id, ctx.state.body.reason);
      if (byStaff) await audit.record(ctx, 'booking.cancel', 'booking', view.id, { reason: ctx.state.body.reason });
      ctx.body = view;
    },
  );
  router.get(
    '/api/me/bookings',
    ...auth,
    noStore,
    validate({ query: paginationSchema.strict(), response: myBookingsSchema }),
    async (ctx) => {
      ctx.body = await queries.listMine({ deps, user: ctx.state.user }, ctx.state.query.page, ctx.state.query.pageSize);
    },
  );

  const staff = [...auth, requireRole('staff', 'admin')];
  router.get(
    '/api/staff/bookings',
    ...staff,
    noStore,
    validate({ query: staffBookingsQuerySchema, response: staffDaySchema }),
    async (ctx) => {
      const q = ctx.state.query;
      ctx.body = await staffService.dayList({ deps, user: ctx.state.user }, q.serviceId, q.date, q.siteId);
    },
  );
  router.post('/api/staff/bookings/verify', ...staff, validate({ body: staffVerifySchema, response: bookingViewSchema }), async (ctx) => {
    const view = await lifecycle.verify({ deps, user: ctx.state.user }, ctx.state.body.code);
    await audit.record(ctx, 'booking.serve', 'booking', view.id, { code: view.code });
    ctx.body = view;
  });
  router.post(
    '/api/staff/bookings/:id/no-show',
    ...staff,
    validate({ params: idParamsSchema, response: bookingViewSchema }),
    async (ctx) => {
      const view = await lifecycle.markNoShow({ deps, user: ctx.state.user }, ctx.state.params.id);
      await audit.record(ctx, 'booking.no_show', 'booking', view.id);
      ctx.body = view;
    },
  );
  router.post('/api/admin/slots', ...staff, validate({ body: adminSlotBodySchema, response: createdSlotSchema }), async (ctx) => {
    const slot = await slots.createSlot({ deps, user: ctx.state.user }, ctx.state.body);
    await audit.record(ctx, 'slot.create', 'slot', slot.id, { serviceId: slot.serviceId, start: slot.start, capacity: slot.capacity });
    ctx.status = 201;
    ctx.body = slot;
  });
  router.get('/api/staff/bookings/export', ...staff, validate({ query: exportQuerySchema }), async (ctx) => {
    const q = ctx.state.query;
    const out = await exportBookings(deps, ctx.state.user, q);
    await audit.record(ctx, 'booking.export', 'service', q.serviceId, { from: q.from, to: q.to, rows: out.rows, reveal: q.reveal ?? null });
    sendWorkbook(ctx, out);
  });
  router.post('/api/admin/schedules', ...staff, validate({ body: scheduleBodySchema, response: scheduleResultSchema }), async (ctx) => {
    const result = await slots.addSchedule({ deps, user: ctx.state.user }, ctx.state.body);
    await audit.record(ctx, 'schedule.add', 'service', ctx.state.body.serviceId, {
      siteId: ctx.state.body.siteId,
      from: ctx.state.body.from,
      to: ctx.state.body.to,
      created: result.created,
    });
    ctx.status = 201;
    ctx.body = result;
  });
  router.post(
    '/api/admin/slots/:id/close',
    ...staff,
    validate({ params: idParamsSchema, body: closeSlotBodySchema, response: closedSlotSchema }),
    async (ctx) => {
      const result = await staffService.closeSlot({ deps, user: ctx.state.user }, ctx.state.params.id, ctx.state.body.reason);
      await audit.record(ctx, 'slot.close', 'slot', result.id, { reason: result.closedReason, cancelled: result.cancelled });
      ctx.body = result;
    },
  );
  return router;
}
