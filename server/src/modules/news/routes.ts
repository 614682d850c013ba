import Router from '@koa/router';
import type { Context } from 'koa';
import {
  idParamsSchema,
  newsCategoryRulesSchema,
  newsImportSchema,
  newsListQuerySchema,
  newsNoticeSchema,
  newsPatchSchema,
  newsArticleSchema,
  newsLatestSchema,
  newsListSchema,
  newsRulesAnswerSchema,
  newsRulesSavedSchema,
  newsSyncRunSchema,
  newsSyncStatusSchema,
  paginationSchema,
  staffNewsItemSchema,
  staffNewsListSchema,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, conflict } from '../../http/errors';
import { limitWritesPerPerson, requireNewsScope, requireRole, requireUser } from '../../http/auth';
import { validate } from '../../http/validate';
import * as audit from '../audit';
import { sendSerialised } from '../../lib/serialised';
import type { CachedBody } from './cache';
import * as service from './service';
import { newsMedia } from './store';
import { syncNews } from './sync';

/** A cached JSON answer with its ETag (304 when the client already has it), gzipped when accepted. */
function sendCached(ctx: Context, body: CachedBody, maxAgeSeconds: number): void {
  ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  ctx.status = 200;
  ctx.etag = body.etag;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  sendSerialised(ctx, body);
}

export function newsRoutes(deps: Deps): Router[] {
  const router = new Router();
  router.get('/api/news', validate({ query: newsListQuerySchema, response: newsListSchema }), async (ctx) => {
    sendCached(ctx, await service.listCached(ctx.state.query), 30);
  });
  router.get('/api/news/latest', validate({ response: newsLatestSchema }), async (ctx) => {
    sendCached(ctx, await service.latestCached(), 30);
  });
  router.get('/api/news/:id', validate({ params: idParamsSchema, response: newsArticleSchema }), async (ctx) => {
    sendCached(ctx, await service.getCached(ctx.state.params.id), 60);
  });
  /** Mirrored article images, public by their content-hash names. */
  router.get('/api/media/:name', async (ctx) => {
    const file = await newsMedia(deps).read(ctx.params.name ?? '');
    if (!file) throw AppError.of('NOT_FOUND');
    ctx.type = file.type;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.body = file.body;
  });

  const staff = new Router({ prefix: '/api/staff/news' });
  // Every staff news read and write needs the 资讯管理 scope (or admin), not just any staff role.
  staff.use(requireUser(deps), requireNewsScope, limitWritesPerPerson(deps));
  staff.get('/', validate({ query: paginationSchema.strict(), response: staffNewsListSchema }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await service.staffList(ctx.state.query);
  });
  staff.patch('/:id', validate({ params: idParamsSchema, body: newsPatchSchema, response: staffNewsItemSchema }), async (ctx) => {
    const item = await service.staffPatch(ctx.state.params.id, ctx.state.body);
    await audit.record(ctx, 'news.patch', 'news', item.id, ctx.state.body);
    ctx.body = item;
  });
  staff.post('/import', validate({ body: newsImportSchema, response: staffNewsItemSchema }), async (ctx) => {
    const item = await service.staffImport(deps, ctx.state.body.url, ctx.state.body.category);
    await audit.record(ctx, 'news.import', 'news', item.id, { url: ctx.state.body.url });
    ctx.status = 201;
    ctx.body = item;
  });
  staff.post('/', validate({ body: newsNoticeSchema, response: staffNewsItemSchema }), async (ctx) => {
    const item = await service.staffWrite(deps, ctx.state.body);
    await audit.record(ctx, 'news.write', 'news', item.id, { title: item.title });
    ctx.status = 201;
    ctx.body = item;
  });

  const admin = new Router({ prefix: '/api/admin/news' });
  admin.use(requireUser(deps), requireRole('admin'), limitWritesPerPerson(deps));
  admin.get('/rules', validate({ response: newsRulesAnswerSchema }), async (ctx) => {
    ctx.body = await service.rules();
  });
  admin.put('/rules', validate({ body: newsCategoryRulesSchema, response: newsRulesSavedSchema }), async (ctx) => {
    const r = await service.saveRules(ctx.state.body.rules);
    await audit.record(ctx, 'news.rules', 'news', 'rules', { reclassified: r.reclassified });
    ctx.body = r;
  });
  admin.get('/sync', validate({ response: newsSyncStatusSchema }), async (ctx) => {
    ctx.body = await service.syncStatus();
  });
  admin.post('/sync', validate({ response: newsSyncRunSchema }), async (ctx) => {
    if (!deps.officialAccount) throw conflict('SYNC_NOT_CONFIGURED', '还没有配置公众号，无法同步');
    const report = await syncNews(deps);
    if (!report.held) throw conflict('SYNC_RUNNING', '资讯正在同步，请稍后再试');
    await audit.record(ctx, 'news.sync', 'news', 'sync', { created: report.created, updated: report.updated, failed: report.failed });
    ctx.body = report;
  });

  return [router, staff, admin];
}
