import type { Context } from 'koa';

/**
 * Reads an upload sent as the raw request body, up to `max` bytes. Beyond, `tooLarge()` is thrown,
 * as soon as Content-Length says so or the bytes go past it, without reading the rest.
 */
export async function readRawBody(ctx: Context, max: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(ctx.get('Content-Length') || 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
