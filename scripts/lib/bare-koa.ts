/**
 * The bench's yardstick: a bare Koa route answering `{ ok: true }`, started by the bench as its own
 * process on the API's Node with the API's flags (bare-child in api-child.ts), so that the ratio
 * compares the API with Koa itself and not with a server sharing the load generator's thread.
 */
import http from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { ok: true };
});
const server = http.createServer(app.callback());
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
