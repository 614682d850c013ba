import Koa from 'koa';
import Router from '@koa/router';
import { openApiDocSchema } from '@jingkai/shared';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Config } from './config';
import type { Logger } from './logger';
import { isDbUp } from './db';
import { errorMiddleware } from './http/error-middleware';
import { AppError, dbUnavailable } from './http/errors';
import { ipFloodGuard } from './http/ip-flood-guard';
import { jsonBody } from './http/json-body';
import { openApiDocument } from './http/openapi';
import { requestContext } from './http/request-context';
import { serveH5 } from './http/static-h5';
import { refuseMalformedUrl } from './http/url-guard';
import { checkResponses, validate } from './http/validate';
import { healthRoutes } from './modules/health';
import { newsRoutes } from './modules/news';
import { servicesRoutes } from './modules/services';
import { eventsRoutes } from './modules/events';
import { authRoutes } from './modules/auth';
import { avatarRoutes, meRoutes } from './modules/users';
import { familyRoutes } from './modules/family';
import { adminRoutes } from './modules/admin';
import { bookingRoutes } from './modules/bookings';
import { requestRoutes } from './modules/requests';
import { countsHere } from './modules/capacity';
import { createDeps, type Deps } from './deps';

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Built from the config when absent; tests pass their own clock, limiter or WeChat client. */
  deps?: Partial<Deps>;
}

const NO_DB = new Set(['/api/health', '/api/openapi.json']);

/**
 * Public reads that can answer from this instance's memory (the news list, 首页 and articles, the
 * services list and detail): they go on while the database is away and answer 503 themselves on a miss.
 */
const MEMORY_READS = /^\/api\/(?:news|services)(?:\/[^/]+)?$/;
const servesFromMemory = (ctx: Koa.Context) => (ctx.method === 'GET' || ctx.method === 'HEAD') && MEMORY_READS.test(ctx.path);

/** Fails fast with 503 while the driver knows the database is away, instead of waiting for a timeout. */
const requireDb: Koa.Middleware = async (ctx, next) => {
  if (ctx.path.startsWith('/api/') && !NO_DB.has(ctx.path) && !isDbUp() && !servesFromMemory(ctx)) throw dbUnavailable();
  await next();
};

/** GET /api/openapi.json: the API described from the routes' own validation schemas. */
function openApiRouter(routers: Router[]): Router {
  const router = new Router();
  let doc: Buffer | undefined;
  router.get('/api/openapi.json', validate({ response: openApiDocSchema }), (ctx) => {
    doc ??= Buffer.from(JSON.stringify(openApiDocument([...routers, router])));
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = doc;
  });
  return router;
}

/** Builds the Koa app. No I/O: `main.ts` connects and listens, tests call `createApp().callback()`. */
export function createApp({ config, logger, deps: overrides }: AppDeps): Koa {
  const deps = createDeps(config, logger, overrides);
  // Only the hops our own proxies appended are trusted: with none, X-Forwarded-For is ignored and the
  // socket address counts; with N, the N right-most entries (the left-most of them is the client).
  const app = new Koa({ proxy: config.trustedProxies > 0, maxIpsCount: config.trustedProxies });
  app.silent = true;

  app.use(requestContext(logger, deps.now));
  app.use(errorMiddleware());
  // In tests, every 2xx JSON answer is parsed with its route's shared response schema (a mismatch is a 500).
  if (config.env === 'test') app.use(checkResponses());
  // The browser-facing headers (CSP and the rest) matter for the H5 pages, not for JSON answers,
  // which only need nosniff; leaving them off /api/ keeps every API answer ~600 bytes lighter.
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // blob: for a picture picked in the H5 preview (an avatar, a 诉求 photo): Taro's chooseImage
        // loads it into an <img>, and the page reads its bytes with fetch before uploading them.
        'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        'script-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'", 'blob:', 'http:', 'https:'],
        // The H5 preview is served over plain HTTP on loopback; TLS ends at the load balancer.
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.use((ctx, next) => {
    if (ctx.path.startsWith('/api/')) {
      ctx.set('X-Content-Type-Options', 'nosniff');
      return next();
    }
    return pageHeaders(ctx, next);
  });
  app.use(
    cors({
      // No Origin (the weapp, same-origin pages, servers): not a CORS request, no CORS headers.
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        if (!origin) return '';
        if (config.corsOrigins === '*') return origin;
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'x-request-id'],
      exposeHeaders: ['x-request-id', 'Retry-After', 'ETag'],
      maxAge: 600,
    }),
  );
  app.use(ipFloodGuard(config.rateLimitPerIpPerMinute));
  app.use(refuseMalformedUrl());
  app.use(jsonBody(config.bodyLimitKb * 1024));
  app.use(requireDb);
  // A write's seat changes are forgotten by this app's own counts at once (reads never change seats).
  app.use((ctx, next) => (ctx.method === 'GET' || ctx.method === 'HEAD' ? next() : countsHere.run(deps.seatCounts, next)));

  // The public reads citizens make most come first: each router matches the path in turn.
  const routers: Router[] = [
    ...newsRoutes(deps),
    servicesRoutes(deps),
    eventsRoutes(deps),
    healthRoutes(),
    authRoutes(deps),
    meRoutes(deps),
    avatarRoutes(deps),
    familyRoutes(deps),
    adminRoutes(deps),
    bookingRoutes(deps),
    requestRoutes(deps),
  ];
  routers.push(openApiRouter(routers));
  for (const r of routers) {
    app.use(r.routes());
    app.use(r.allowedMethods({ throw: true }));
  }
  app.use(async (ctx, next) => {
    if (ctx.path === '/api' || ctx.path.startsWith('/api/')) throw AppError.of('ROUTE_NOT_FOUND');
    await next();
  });
  app.use(serveH5(config.h5Dir));
  return app;
}
