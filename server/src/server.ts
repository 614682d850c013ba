import http from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_MESSAGES } from '@jingkai/shared';
import type { Config } from './config';
import { connectDb, disconnectDb, syncIndexes } from './db';
import { superviseFerretDb, type SupervisedFerretDb } from './db/ferretdb';
import type { Logger } from './logger';
import { createApp } from './app';
import { errorBody } from './http/errors';
import { createDeps, type Deps } from './deps';
import { startJobs } from './jobs/runner';
import { DEMO_PINNED_ARTICLE, linkDemoArticles, seedDemoIfEmpty } from './seed/demo';
import { countNews, pinArticle, reindexNews, releaseArticleTools, syncNews } from './modules/news';
import { startStandinFor, type RunningStandin } from './wechat/standin/server';

export interface RunningServer {
  url: string;
  /** The local WeChat stand-in's address, when this process runs it. */
  wechatApiBase: string;
  port: number;
  /** The embedded FerretDB this process supervises; absent with MONGODB_URI. */
  ferretdb?: Pick<SupervisedFerretDb, 'port' | 'pid' | 'restarts'>;
  /** Stops accepting, lets in-flight requests finish, closes the database, stops FerretDB. */
  stop(): Promise<void>;
}

/**
 * Brings up the whole stack for one process: the embedded FerretDB unless MONGODB_URI is set
 * (supervised: started again on the same port and files when it dies), the connection and indexes,
 * demo content on an empty database, and the HTTP server. `overrides` pins the clock (browser
 * journeys, benchmarks) or swaps a client, as in `createApp`.
 */
export async function startServer(config: Config, logger: Logger, overrides: Partial<Deps> = {}): Promise<RunningServer> {
  let standin: RunningStandin | undefined;
  if (config.startWechatStandin) {
    standin = await startStandinFor(config);
    config = { ...config, wechatApiBase: standin.url, oaWebBase: standin.url };
    logger.info({ url: standin.url }, 'local WeChat stand-in started (no WeChat credentials configured)');
  }
  let ferret: SupervisedFerretDb | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const fdbLog = logger.child({ component: 'ferretdb' });
    ferret = await superviseFerretDb({
      bin: config.ferretdbBin,
      dataDir: config.dataDir,
      onLog: (line) => fdbLog.warn({ line }, 'ferretdb'),
      onExit: ({ code, signal, uptimeMs, nextDelayMs }) =>
        fdbLog.error({ code, signal, uptimeMs: Math.round(uptimeMs), nextDelayMs }, 'embedded FerretDB exited; restarting it'),
      onRestart: ({ restarts, delayMs }) => fdbLog.warn({ restarts, delayMs }, 'embedded FerretDB restarted'),
      onRestartFailed: ({ error, nextDelayMs }) => fdbLog.error({ error, nextDelayMs }, 'embedded FerretDB did not start; trying again'),
    });
    uri = ferret.uri;
    logger.info({ port: ferret.port, dataDir: config.dataDir }, 'embedded FerretDB started');
  }
  const deps = createDeps(config, logger, overrides);
  try {
    await connectDb(uri, ferret ? 'jingkai' : undefined);
    await syncIndexes();
    // A database from an earlier release: its articles are indexed for today's search before serving.
    await reindexNews(logger);
    // Demo dates count from the same clock the API answers with, so what is seeded as coming is listed as coming.
    if (config.seedDemo && (await seedDemoIfEmpty(deps.now(), (msg) => logger.info(`[seed] ${msg}`)))) logger.info('demo content seeded');
  } catch (e) {
    await deps.limiter.close();
    await ferret?.stop();
    await standin?.stop();
    throw e;
  }

  if (!deps.officialAccount) logger.warn('OA_APPID / OA_SECRET not set: news will not sync from the official account');
  else if ((await countNews()) === 0) {
    // A first start mirrors the official account before serving, so 资讯 is never empty.
    const r = await syncNews(deps, { onProgress: ({ done, total }) => logger.debug({ done, total }, 'news sync') });
    logger.info({ created: r.created, failed: r.failed, error: r.error }, 'first news sync');
    // The demo pins the 2025 article the product grew from to 首页, as staff would.
    if (config.seedDemo) {
      await pinArticle(DEMO_PINNED_ARTICLE);
      logger.info({ linked: await linkDemoArticles() }, 'demo events linked to their articles');
    }
  }
  // What only the start needed (the seed, the first sync, indexing) is garbage now: released and
  // collected once, before serving, so an idle API does not hold it (README, "Memory"; the
  // production launcher runs Node with --expose-gc for this).
  releaseArticleTools();
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  const app = createApp({ config, logger, deps });
  const jobs = startJobs(deps);
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wechatApiBase: config.wechatApiBase,
    ferretdb: ferret,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await jobs.stop();
      await deps.limiter.close();
      await disconnectDb().catch((e) => logger.warn({ err: e }, 'db disconnect failed'));
      await ferret?.stop();
      await standin?.stop();
    },
  };
}

const envelope = (code: 'REQUEST_TOO_LARGE' | 'BAD_REQUEST') => JSON.stringify(errorBody({ code, message: ERROR_MESSAGES[code] }));

/**
 * Requests Node refuses before Koa sees them (a URL or headers over 16 KB, say a pasted 10 KB search)
 * still get the error envelope, not a bare status line.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = envelope(err.code === 'HPE_HEADER_OVERFLOW' ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST');
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
