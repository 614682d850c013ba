import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet } from '../src/lib/http-get';
import { httpRequest } from '../src/lib/http-request';

/** A local server with the answers the clients meet: redirects, a large body, silence, an echo. */
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/hop') return res.writeHead(302, { Location: '/img' }).end();
    if (req.url === '/loop') return res.writeHead(302, { Location: '/loop' }).end();
    if (req.url === '/img') return res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(100, 1));
    if (req.url === '/big') return res.writeHead(200).end(Buffer.alloc(5000));
    if (req.url === '/chunked') {
      res.writeHead(200);
      res.write(Buffer.alloc(3000));
      return res.end(Buffer.alloc(3000));
    }
    if (req.url === '/silent') return; // never answers
    if (req.url === '/missing') return res.writeHead(404).end('no');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () =>
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] })),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('the HTTP client for WeChat and for mirroring articles', () => {
  it('posts a JSON body and answers status, headers and bytes', async () => {
    const res = await httpRequest(`${base}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 2000,
    });
    expect([res.status, JSON.parse(res.body.toString())]).toEqual([200, { method: 'POST', body: '{"a":1}', type: 'application/json' }]);
  });

  it('follows redirects for a GET, up to its limit', async () => {
    expect(await httpGet(`${base}/hop`, { timeoutMs: 2000, maxBytes: 1000 })).toEqual({ body: Buffer.alloc(100, 1), type: 'image/png' });
    await expect(httpGet(`${base}/loop`, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toThrow(/answered 302/);
    expect((await httpRequest(`${base}/hop`, { timeoutMs: 2000 })).status).toBe(302);
  });

  it('refuses a body over its size, declared or streamed, a silent server after its time, and a non-2xx GET', async () => {
    await expect(httpGet(`${base}/big`, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toThrow(/over 1000 bytes/);
    await expect(httpGet(`${base}/chunked`, { timeoutMs: 2000, maxBytes: 4000 })).rejects.toThrow(/over 4000 bytes/);
    const started = Date.now();
    await expect(httpRequest(`${base}/silent`, { timeoutMs: 300 })).rejects.toThrow(/did not answer in 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(httpGet(`${base}/missing`, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toThrow(/answered 404/);
    await expect(httpRequest('ftp://example.com/x', { timeoutMs: 300 })).rejects.toThrow(/cannot fetch ftp:/);
  });
});
