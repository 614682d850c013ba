import { Types } from 'mongoose';
import { BookingModel, IdempotencyModel, type BookingDoc } from './model';
import { isDuplicateKey } from '../../db';

export type { BookingDoc };
export type BookingInput = Omit<BookingDoc, 'createdAt' | 'updatedAt'>;

export const newId = () => new Types.ObjectId();

/** Inserts a booking; returns false when its code is already taken (the caller draws another). */
export async function insert(input: BookingInput): Promise<boolean> {
  try {
    await BookingModel.create(input);
    return true;
  } catch (e) {
    const err = e as { code?: number; message?: string };
    if (isDuplicateKey(err) && !/_id/.test(err.message ?? '')) return false;
    throw e;
  }
}

export async function findById(id: string): Promise<BookingDoc | null> {
  return BookingModel.findById(id).lean<BookingDoc>();
}

export async function findByCode(code: string): Promise<BookingDoc | null> {
  return BookingModel.findOne({ code }).lean<BookingDoc>();
}

export async function listByUser(userId: string, skip: number, limit: number) {
  const q = { userId };
  const [docs, total] = await Promise.all([
    BookingModel.find(q).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<BookingDoc[]>(),
    BookingModel.countDocuments(q),
  ]);
  return { docs, total };
}

export async function listForDay(serviceId: string, date: string, siteId?: string): Promise<BookingDoc[]> {
  return BookingModel.find({ serviceId, date, ...(siteId ? { siteId } : {}) })
    .sort({ start: 1, createdAt: 1 })
    .lean<BookingDoc[]>();
}

export async function listForRange(serviceId: string, from: string, to: string): Promise<BookingDoc[]> {
  return BookingModel.find({ serviceId, date: { $gte: from, $lte: to } })
    .sort({ start: 1, createdAt: 1 })
    .lean<BookingDoc[]>();
}

/** Moves a booking from one status to another; false when it was not in `from` any more. */
export async function transition(id: string, from: string, set: Record<string, unknown>): Promise<BookingDoc | null> {
  return BookingModel.findOneAndUpdate({ _id: id, status: from }, { $set: set }, { new: true }).lean<BookingDoc>();
}

export async function countNoShows(personKey: string, since: Date): Promise<{ count: number; last: Date | null }> {
  const docs = await BookingModel.find({ personKey, status: 'no_show', start: { $gte: since } })
    .sort({ start: -1 })
    .select('start')
    .lean<{ start: Date }[]>();
  return { count: docs.length, last: docs[0]?.start ?? null };
}

/** 注销账号: bookings stay for statistics, without the person. */
export async function anonymiseUser(userId: string): Promise<number> {
  const res = await BookingModel.updateMany(
    { userId },
    { $set: { userId: null, formEnc: null, familyMemberId: null, personKey: `anon:${new Types.ObjectId()}`, anonymised: true } },
  );
  return res.modifiedCount;
}

export async function existingIds(ids: string[]): Promise<Set<string>> {
  const docs = await BookingModel.find({ _id: { $in: ids } })
    .select('_id')
    .lean<{ _id: Types.ObjectId }[]>();
  return new Set(docs.map((d) => String(d._id)));
}

export type IdempotencyBegin = { fresh: true } | { fresh: false; state: 'pending' | 'done'; status: number; body: string };

export async function beginIdempotent(userId: string, key: string, expiresAt: Date): Promise<IdempotencyBegin> {
  try {
    await IdempotencyModel.create({ userId, key, state: 'pending', expiresAt });
    return { fresh: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const doc = await IdempotencyModel.findOne({ userId, key }).lean();
    return { fresh: false, state: (doc?.state as 'pending' | 'done') ?? 'pending', status: doc?.status ?? 0, body: doc?.body ?? '' };
  }
}

export async function finishIdempotent(userId: string, key: string, status: number, body: unknown): Promise<void> {
  await IdempotencyModel.updateOne({ userId, key }, { $set: { state: 'done', status, body: JSON.stringify(body) } });
}

export async function dropIdempotent(userId: string, key: string): Promise<void> {
  await IdempotencyModel.deleteOne({ userId, key, state: 'pending' });
}

export async function listActiveInSlot(slotId: string): Promise<BookingDoc[]> {
  return BookingModel.find({ slotId, status: 'confirmed' }).lean<BookingDoc[]>();
}
