/**
 * Runs the local WeChat stand-in: `npm run wechat-standin` (PORT 3100 unless WECHAT_STANDIN_PORT).
 * `npm start` starts it inside the server process when no real WeChat credentials are configured.
 */
import { loadConfig } from '../server/src/config';
import { startStandinFor } from '../server/src/wechat/standin/server';

async function main() {
  const config = loadConfig();
  const port = Number(process.env.WECHAT_STANDIN_PORT ?? 3100);
  const s = await startStandinFor(config, {}, port);
  console.log(`[wechat-standin] listening on ${s.url}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
