/**
 * GETs a URL with a timeout and a size cap, for mirroring article images and reading pasted article
 * pages. Throws on a transport error, a non-2xx answer or a body over `maxBytes`.
 */
export async function httpGet(url: string, opts: { timeoutMs: number; maxBytes: number }): Promise<{ body: Buffer; type: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'follow' });
  if (!res.ok || !res.body) throw new Error(`GET ${new URL(url).host} answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > opts.maxBytes) throw new Error(`GET ${new URL(url).host}: ${declared} bytes is over ${opts.maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > opts.maxBytes) throw new Error(`GET ${new URL(url).host}: over ${opts.maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return { body: Buffer.concat(chunks), type: res.headers.get('content-type') ?? '' };
}
