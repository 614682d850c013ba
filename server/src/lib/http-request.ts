import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, redirects included, within this time. */
  timeoutMs: number;
  /** An answer whose body is larger fails (checked on Content-Length first, then as it arrives). */
  maxBytes?: number;
  /** Redirects followed (GET only); 0 answers the redirect itself. */
  maxRedirects?: number;
}

/**
 * One HTTP exchange through node:http(s), for WeChat's API and for mirroring articles. Not `fetch`:
 * Node loads undici and compiles its llhttp WebAssembly on the first call, about 18 MiB of an idle
 * API's memory (README, "Memory"). Throws on a transport error, the timeout or a body over
 * `maxBytes`; any status is answered.
 */
export async function httpRequest(url: string | URL, opts: HttpRequestOptions): Promise<HttpAnswer> {
  const deadline = Date.now() + opts.timeoutMs;
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const answer = await exchange(target, opts, deadline);
    const location = answer.headers.location;
    const redirect = answer.status >= 300 && answer.status < 400 && location;
    if (!redirect || hop >= (opts.maxRedirects ?? 0) || (opts.method ?? 'GET') !== 'GET') return answer;
    target = new URL(location, target);
  }
}

function exchange(url: URL, opts: HttpRequestOptions, deadline: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!client) return reject(new Error(`cannot fetch ${url.protocol} addresses`));
    let settled = false;
    const fail = (e: Error) => {
      if (!settled) reject(e);
      settled = true;
      req.destroy();
    };
    const tooLarge = () => new Error(`${url.host}: the answer is over ${opts.maxBytes} bytes`);
    const req = client.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      res.on('error', fail);
      if (opts.maxBytes !== undefined && Number(res.headers['content-length'] ?? 0) > opts.maxBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (opts.maxBytes !== undefined && size > opts.maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (!settled) resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        settled = true;
      });
    });
    const timer = setTimeout(
      () => fail(new Error(`${url.host} did not answer in ${opts.timeoutMs} ms`)),
      Math.max(0, deadline - Date.now()),
    );
    req.on('error', fail);
    req.on('close', () => clearTimeout(timer));
    req.end(opts.body);
  });
}
