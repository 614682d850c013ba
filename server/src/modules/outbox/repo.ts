import { OutboxModel, type OutboxDoc } from './model';
import { isDuplicateKey } from '../../db';
import { prefixPattern } from '../../lib/escape';

export type { OutboxDoc };

export interface NewMessage {
  dedupeKey: string;
  kind: string;
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  sendAfter: Date;
}

/** Queues a message; a second one with the same dedupeKey is ignored. */
export async function enqueue(m: NewMessage): Promise<void> {
  try {
    await OutboxModel.create({ ...m, page: m.page ?? null, status: 'pending', attempts: 0, attemptErrors: [] });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/**
 * Queues several messages in one write (a booking's confirmation and its reminder); those whose
 * dedupeKey is queued already are ignored, the others still written.
 */
export async function enqueueMany(ms: NewMessage[]): Promise<void> {
  if (ms.length < 2) return ms.length ? enqueue(ms[0]!) : undefined;
  try {
    await OutboxModel.insertMany(
      ms.map((m) => ({ ...m, page: m.page ?? null, status: 'pending', attempts: 0, attemptErrors: [] })),
      // Mongoose would otherwise leave out, silently, a message that fails validation.
      { ordered: false, throwOnValidationError: true },
    );
  } catch (e) {
    const errors = (e as { writeErrors?: unknown[] }).writeErrors;
    const dupsOnly =
      Array.isArray(errors) && errors.length > 0 && errors.every((w) => isDuplicateKey(w) || isDuplicateKey((w as { err?: unknown }).err));
    if (!dupsOnly && !isDuplicateKey(e)) throw e;
  }
}

export async function cancelPending(dedupePrefix: string): Promise<void> {
  await OutboxModel.updateMany(
    { dedupeKey: { $regex: prefixPattern(dedupePrefix) }, status: 'pending' },
    { $set: { status: 'cancelled' } },
  );
}

/**
 * Account deletion: what still waits for the person is cancelled, and every unsent message loses
 * the openid. Returns how many were still waiting.
 */
export async function dropPendingFor(openid: string): Promise<number> {
  const res = await OutboxModel.updateMany({ openid, status: 'pending' }, { $set: { status: 'cancelled' } });
  await OutboxModel.updateMany({ openid, status: { $ne: 'sent' } }, { $set: { openid: '' } });
  return res.modifiedCount;
}

export async function due(now: Date, limit: number): Promise<OutboxDoc[]> {
  return OutboxModel.find({ status: 'pending', sendAfter: { $lte: now } })
    .sort({ sendAfter: 1 })
    .limit(limit)
    .lean<OutboxDoc[]>();
}

export async function markSent(id: unknown, at: Date): Promise<void> {
  await OutboxModel.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at }, $inc: { attempts: 1 } });
}

export async function markFailedAttempt(
  id: unknown,
  error: { errcode: number; errmsg: string; at: Date },
  next: Date | null,
): Promise<void> {
  await OutboxModel.updateOne(
    { _id: id },
    {
      $set: { lastError: error, ...(next ? { sendAfter: next } : { status: 'failed' }) },
      $inc: { attempts: 1 },
      $push: { attemptErrors: error },
    },
  );
}

export async function listFor(filter: Record<string, unknown>): Promise<OutboxDoc[]> {
  return OutboxModel.find(filter).sort({ createdAt: 1 }).lean<OutboxDoc[]>();
}
