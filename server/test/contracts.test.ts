import { gzipSync } from 'node:zlib';
import Koa from 'koa';
import Router from '@koa/router';
import request from 'supertest';
import { z } from 'zod';
import { familyMemberSchema, openApiDocSchema, scheduleResultSchema } from '@jingkai/shared';
import { errorMiddleware } from '../src/http/error-middleware';
import { ROUTE_DOCS, routesOf } from '../src/http/openapi';
import { checkResponses, validate } from '../src/http/validate';
import { testApp } from './setup/harness';

/**
 * The routes that declare no response schema, each with its reason: their answers are not JSON
 * (or there is no answer at all), so there is nothing for a schema to parse.
 */
const NO_RESPONSE_SCHEMA: Record<string, string> = {
  'GET /api/media/{name}': 'a mirrored article image: bytes',
  'GET /api/avatars/{name}': 'an uploaded avatar image: bytes',
  'GET /api/staff/bookings/export': 'an Excel workbook',
  'GET /api/staff/events/{id}/attendees/export': 'an Excel workbook',
  'GET /api/request-photos/{name}': 'an uploaded 诉求 photo: bytes',
  'GET /api/staff/requests/export': 'an Excel workbook',
  'GET /api/staff/requests/stats/export': 'an Excel workbook',
  'DELETE /api/me/family/{id}': '204 No Content: no answer to parse',
};

/** The app's routers, as mounted (each `router.routes()` middleware carries its router). */
function routersOf(app: Koa): Router[] {
  return app.middleware.flatMap((m) => {
    const router = (m as { router?: Router }).router;
    return router ? [router] : [];
  });
}

describe('response contracts', () => {
  it('every route declares the shared schema of its answer, except the non-JSON answers named here', () => {
    const routes = routesOf(routersOf(testApp()));
    expect(routes.length).toBe(Object.keys(ROUTE_DOCS).length);
    const without = routes.filter((r) => !r.schemas.response).map((r) => `${r.method} ${r.path}`);
    expect(without.sort()).toEqual(Object.keys(NO_RESPONSE_SCHEMA).sort());
    // What they answer instead is in the API document.
    for (const key of without) expect(ROUTE_DOCS[key]!.binary ?? ROUTE_DOCS[key]!.status).toBeTruthy();
  });

  it('the test app parses each answer with its route’s schema; other environments do not', async () => {
    const parse = jest.spyOn(openApiDocSchema, 'safeParse');
    try {
      const res = await request(testApp().callback()).get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(parse.mock.calls[0]![0]).toMatchObject({ openapi: '3.1.0' });
      parse.mockClear();
      await request(testApp({ NODE_ENV: 'development' }).callback()).get('/api/openapi.json');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  describe('checkResponses()', () => {
    const schema = z.strictObject({ planned: z.number() });
    const appAnswering = (answer: (ctx: Koa.Context) => void) => {
      const app = new Koa();
      app.silent = true;
      app.use(errorMiddleware());
      app.use(checkResponses());
      const router = new Router();
      router.get('/t', validate({ response: schema }), (ctx) => answer(ctx));
      app.use(router.routes());
      return app.callback();
    };
    const quiet = () => jest.spyOn(console, 'error').mockImplementation(() => undefined);

    it('lets an answer that fits its schema through unchanged', async () => {
      const res = await request(appAnswering((ctx) => (ctx.body = { planned: 3 }))).get('/t');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ planned: 3 });
    });

    it('turns an answer outside its schema (a wrong type, an extra field) into a 500 and says why', async () => {
      const log = quiet();
      try {
        const wrong = await request(appAnswering((ctx) => (ctx.body = { planned: '3' }))).get('/t');
        expect(wrong.status).toBe(500);
        const extra = await request(appAnswering((ctx) => (ctx.body = { planned: 3, idNumber: '150502199001011234' }))).get('/t');
        expect(extra.status).toBe(500);
        expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
          expect.stringMatching(/^GET \/t \(200\) answered outside its response schema: planned: /),
          expect.stringMatching(/answered outside its response schema: .*"idNumber"/),
        ]);
      } finally {
        log.mockRestore();
      }
    });

    it('checks the JSON a client receives: a cached, gzipped Buffer is decoded; a Date is its ISO text', async () => {
      const log = quiet();
      try {
        const zipped = (planned: unknown) =>
          appAnswering((ctx) => {
            ctx.type = 'application/json';
            ctx.set('Content-Encoding', 'gzip');
            ctx.body = gzipSync(Buffer.from(JSON.stringify({ planned })));
          });
        expect((await request(zipped(3)).get('/t')).body).toEqual({ planned: 3 });
        const refused = await request(zipped('3')).get('/t');
        expect(refused.status).toBe(500);
        expect(refused.headers['content-encoding']).toBeUndefined();
        const dated = appAnswering((ctx) => (ctx.body = { planned: new Date(0) }));
        expect((await request(dated).get('/t')).status).toBe(500);
      } finally {
        log.mockRestore();
      }
    });

    it('leaves error answers alone: only 2xx answers are held to the schema', async () => {
      const res = await request(
        appAnswering((ctx) => {
          ctx.status = 409;
          ctx.body = { error: { code: 'X', message: '不行' } };
        }),
      ).get('/t');
      expect(res.status).toBe(409);
    });
  });

  it('the shared schemas refuse what must not reach a client: an ID number or phone unmasked', () => {
    const member = {
      id: 'a'.repeat(24),
      name: '王小明',
      relation: 'parent',
      idNumber: '150502********1234',
      phone: '139****0001',
      address: '通辽市开发区辽河大街****',
      isChild: false,
      ageYears: 60,
      consentAt: '2026-08-18T09:00:00+08:00',
    };
    expect(familyMemberSchema.safeParse(member).success).toBe(true);
    expect(familyMemberSchema.safeParse({ ...member, idNumber: '150502199001011234' }).success).toBe(false);
    expect(familyMemberSchema.safeParse({ ...member, phone: '13900000001' }).success).toBe(false);
    // The schedule answer is the server's, not the shape the mini-program once assumed.
    expect(scheduleResultSchema.safeParse({ created: 1, skipped: 0 }).success).toBe(false);
  });

  it('validate() types what handlers read (checked by tsc -p server)', () => {
    const router = new Router();
    router.post('/t', validate({ body: z.strictObject({ n: z.number() }), params: z.strictObject({ id: z.string() }) }), (ctx) => {
      const n: number = ctx.state.body.n;
      const id: string = ctx.state.params.id;
      // @ts-expect-error the body is typed: a field it does not have does not compile
      void ctx.state.body.missing;
      // @ts-expect-error and its fields keep their types
      const wrong: string = ctx.state.body.n;
      void [n, id, wrong];
    });
    expect(router.stack).toHaveLength(1);
  });
});
