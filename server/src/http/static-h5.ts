import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';

/**
 * Serves the H5 build of the mini-program at `/`, falling back to `index.html` for the browser-history
 * routes of Taro's router. Hashed assets are cached for a year, `index.html` never.
 */
export function serveH5(root: string): Middleware {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || ctx.path === '/api' || !['GET', 'HEAD'].includes(ctx.method)) return next();
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = '<!doctype html><meta charset="utf-8"><p>H5 预览尚未构建：请运行 <code>npm run build:h5</code>。</p>';
      return;
    }
    const rel = decodeURIComponent(ctx.path);
    const file = path.join(root, rel);
    if (rel !== '/' && file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = /\.[0-9a-f]{8,}\.(js|css)$/.test(rel) || rel.startsWith('/static/');
      await send(ctx, rel, { root, maxage: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable });
      return;
    }
    if (path.extname(rel)) return next();
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root });
  };
}
