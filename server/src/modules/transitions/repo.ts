import { isDuplicateKey } from '../../db';
import { TransitionModel, type TransitionDoc } from './model';

export type { TransitionDoc };
export type TransitionInput = Pick<TransitionDoc, 'key' | 'subject' | 'from' | 'to' | 'by' | 'patch' | 'at'>;

/** Inserts the exit row; false when another request holds it already. */
export async function insert(row: TransitionInput): Promise<boolean> {
  try {
    await TransitionModel.create({ _id: row.key, ...row, applied: false });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** By `_id` (the key), then by `key` for a row written before `_id` was the key. */
export async function markApplied(key: string): Promise<void> {
  const r = await TransitionModel.updateOne({ _id: key }, { $set: { applied: true } });
  if (!r.matchedCount) await TransitionModel.updateOne({ key }, { $set: { applied: true } });
}

export async function findByKey(key: string): Promise<TransitionDoc | null> {
  return (await TransitionModel.findById(key).lean<TransitionDoc>()) ?? (await TransitionModel.findOne({ key }).lean<TransitionDoc>());
}

/** Rows whose winner has not marked them applied since before `before`, the whole collection through a cursor. */
export async function* unapplied(before: Date): AsyncGenerator<TransitionDoc> {
  const cursor = TransitionModel.find({ applied: false, at: { $lt: before } })
    .lean<TransitionDoc[]>()
    .cursor();
  for await (const row of cursor) yield row as unknown as TransitionDoc;
}

/** Every exit of a subject, oldest first: the steps of its timeline. */
export async function bySubject(subject: string): Promise<TransitionDoc[]> {
  return TransitionModel.find({ subject }).sort({ at: 1, createdAt: 1 }).lean<TransitionDoc[]>();
}
