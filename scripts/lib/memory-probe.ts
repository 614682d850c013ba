/**
 * Loaded into the API child by the bench (`node --expose-gc --require <this, compiled>`), so the
 * server's own code has no test-only door: on a `heap` message over the IPC channel it collects
 * garbage fully and answers the heap that is left.
 */
export interface HeapReport {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
}

process.on('message', (m) => {
  if (m !== 'heap' || !process.send) return;
  // Twice: the first pass runs finalizers that free more on the second.
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
  process.send({ heapUsed, heapTotal, external, rss } satisfies HeapReport);
});
// The channel must not keep the server alive: SIGTERM's graceful shutdown ends it as without the probe.
process.channel?.unref();
