/**
 * `npm run sync:news`: mirrors the official account's articles into the configured database now
 * (the embedded FerretDB under DATA_DIR, or MONGODB_URI), with a progress bar. Safe to run at any
 * time: the same lease as the server's scheduled sync keeps it to one runner, and a run that fails
 * half-way is resumed by the next. Without WeChat credentials it reads the local stand-in.
 * While `npm start` is running, prefer the admin endpoint (POST /api/admin/news/sync).
 */
import pino from 'pino';
import { loadConfig } from '../server/src/config';
import { connectDb, disconnectDb, syncIndexes } from '../server/src/db';
import { startFerretDb } from '../server/src/db/ferretdb';
import { createDeps } from '../server/src/deps';
import { syncNews } from '../server/src/modules/news';
import { startStandinFor } from '../server/src/wechat/standin/server';

function bar(done: number, total: number, label = ''): string {
  const width = 24;
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 30)}`;
}

async function main() {
  let config = loadConfig();
  const standin = config.startWechatStandin ? await startStandinFor(config) : undefined;
  if (standin) config = { ...config, wechatApiBase: standin.url, oaWebBase: standin.url };
  const ferret = config.mongodbUri ? undefined : await startFerretDb({ bin: config.ferretdbBin, dataDir: config.dataDir });
  const tty = process.stdout.isTTY;
  try {
    await connectDb(config.mongodbUri ?? ferret!.uri, ferret ? 'jingkai' : undefined);
    await syncIndexes();
    const deps = createDeps(config, pino({ level: 'warn' }));
    console.log(`[sync:news] reading ${standin ? 'the local WeChat stand-in' : config.wechatApiBase}`);
    const report = await syncNews(deps, {
      onProgress: ({ done, total, title }) => {
        const line = bar(done, total, title);
        if (tty) process.stdout.write(`\r${line.padEnd(70)}`);
        else console.log(`[sync:news] ${line}`);
      },
    });
    if (tty) process.stdout.write('\n');
    if (!report.held) console.log('[sync:news] another sync is running; try again in a few minutes');
    console.log(
      `[sync:news] ${report.failed ? 'stopped' : 'done'}: ${report.listed} listed, ${report.created} new, ${report.updated} updated, ` +
        `${report.unchanged} unchanged, ${report.hidden} hidden in ${report.ms} ms${report.error ? ` — ${report.error}` : ''}`,
    );
    process.exitCode = report.failed || !report.held ? 1 : 0;
  } finally {
    await disconnectDb();
    await ferret?.stop();
    await standin?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
