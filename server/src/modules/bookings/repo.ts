import { Types } from 'mongoose';
import { BookingModel, type BookingDoc } from './model';
import { existingIdsIn, isDuplicateKey } from '../../db';

export type { BookingDoc };
/** `createdAt` from the injected clock (what the answer's reminder sentence is judged by); the wall clock when absent. */
export type BookingInput = Omit<BookingDoc, 'createdAt' | 'updatedAt'> & { createdAt?: Date };

/** A new booking id, or the id an operation was given (the same for every attempt of an Idempotency-Key). */
export const newId = (id?: string) => new Types.ObjectId(id);

/**
 * Inserts a booking: `code-taken` when its code is taken (the caller draws another), `exists` when a
 * booking with this id is already written (an earlier attempt of the same operation).
 */
export async function insert(input: BookingInput): Promise<'ok' | 'code-taken' | 'exists'> {
  try {
    await BookingModel.create(input);
    return 'ok';
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return (await BookingModel.exists({ _id: input._id })) ? 'exists' : 'code-taken';
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

/**
 * Writes a status change the caller has already won (the transitions module decides who wins;
 * this write is never the arbiter).
 */
export async function applyPatch(id: string, set: Record<string, unknown>): Promise<BookingDoc | null> {
  return BookingModel.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<BookingDoc>();
}

/** A person's confirmed bookings that start after `after` (account deletion cancels them). */
export async function listFutureOfUser(userId: string, after: Date): Promise<BookingDoc[]> {
  return BookingModel.find({ userId, status: 'confirmed', start: { $gt: after } }).lean<BookingDoc[]>();
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

/** Which of these claim ids have their booking; an id that is no booking id has none. */
export const existingIds = (ids: string[]): Promise<Set<string>> => existingIdsIn(BookingModel, ids);

export async function listActiveInSlot(slotId: string): Promise<BookingDoc[]> {
  return BookingModel.find({ slotId, status: 'confirmed' }).lean<BookingDoc[]>();
}
