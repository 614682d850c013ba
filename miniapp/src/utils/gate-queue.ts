/**
 * The scans a gate device made offline, kept in storage until the server has them. Each scan has
 * its nonce from the moment it is made, so uploading it twice (an answer lost on the way back)
 * records it once. Scans leave the queue only when the server answered for their nonce.
 */
export interface KeyValue {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export interface QueuedScan {
  ticket: string;
  gate: string;
  scannedAt: string;
  nonce: string;
}

export interface ScanAnswer {
  nonce: string;
  result: 'ok' | 'duplicate' | 'invalid';
  reason?: string;
  firstCheckedInAt?: string;
  firstGate?: string;
}

export const QUEUE_KEY = 'jk.gate.queue';
/** The server takes at most this many scans per upload. */
const BATCH = 200;

/** A nonce the batch endpoint accepts (8-64 of A-Z a-z 0-9 - _), unique enough per device. */
export function makeNonce(nowMs: number, random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += Math.floor(random() * 36).toString(36);
  return `${nowMs.toString(36)}-${tail}`;
}

export const pendingScans = (kv: KeyValue): QueuedScan[] => kv.get<QueuedScan[]>(QUEUE_KEY) ?? [];

export function enqueueScan(kv: KeyValue, scan: QueuedScan): number {
  const next = [...pendingScans(kv), scan];
  kv.set(QUEUE_KEY, next);
  return next.length;
}

/**
 * Uploads what is queued, in batches, and drops each scan the server answered for. A failed upload
 * leaves the queue as it was (scans added meanwhile stay too) and throws.
 */
export async function drainScans(kv: KeyValue, upload: (scans: QueuedScan[]) => Promise<{ results: ScanAnswer[] }>): Promise<ScanAnswer[]> {
  const answers: ScanAnswer[] = [];
  for (;;) {
    const batch = pendingScans(kv).slice(0, BATCH);
    if (!batch.length) return answers;
    const { results } = await upload(batch);
    const done = new Set(results.map((r) => r.nonce));
    kv.set(
      QUEUE_KEY,
      pendingScans(kv).filter((s) => !done.has(s.nonce)),
    );
    answers.push(...results);
    if (!batch.some((s) => done.has(s.nonce))) return answers;
  }
}
