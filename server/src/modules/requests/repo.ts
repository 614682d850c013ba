import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db';
import { prefixPattern } from '../../lib/escape';
import { AdditionModel, PhotoModel, RequestModel, RequestNumberModel, type AdditionDoc, type RequestDoc } from './model';

export type { AdditionDoc, RequestDoc };
export type RequestInput = Omit<RequestDoc, 'createdAt' | 'updatedAt'>;

export const newId = (id?: string) => new Types.ObjectId(id);

/** Inserts a request under its tracking number; false when that number is taken (the caller takes the next). */
/** Inserts a request: `number-taken` when its tracking number is someone else's, `origin-taken` when it exists already. */
export async function insertRequest(doc: RequestInput): Promise<'ok' | 'number-taken' | 'origin-taken'> {
  try {
    await RequestModel.create(doc);
    return 'ok';
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const err = e as { keyPattern?: Record<string, number>; message?: string };
    if (err.keyPattern) return 'originKey' in err.keyPattern ? 'origin-taken' : 'number-taken';
    // FerretDB does not always name the index: the message, or else ask.
    if (/originKey/.test(err.message ?? '')) return 'origin-taken';
    if (/trackingNo/.test(err.message ?? '')) return 'number-taken';
    return (await RequestModel.exists({ originKey: doc.originKey })) ? 'origin-taken' : 'number-taken';
  }
}

/** Moves the day's counter up to at least `n` (numbers handed out before the counter, or past it). */
export async function raiseNumber(prefix: string, n: number): Promise<void> {
  await RequestNumberModel.updateOne({ _id: prefix }, { $max: { n } }, { upsert: true }).catch((e: unknown) => {
    if (!isDuplicateKey(e)) throw e;
  });
}

/** A number of the day `prefix` not handed out before on this counter (see RequestNumberModel). */
export async function nextNumber(prefix: string): Promise<number> {
  for (;;) {
    try {
      const row = await RequestNumberModel.findOneAndUpdate({ _id: prefix }, { $inc: { n: 1 } }, { upsert: true, new: true }).lean<{
        n: number;
      }>();
      return row!.n;
    } catch (e) {
      // Two first fillings of the day upserting at once: the other one's row is there now.
      if (!isDuplicateKey(e)) throw e;
    }
  }
}

/** The highest tracking number starting with `prefix` (`JK261002`), or null on the day's first. */
export async function lastTrackingNo(prefix: string): Promise<string | null> {
  const doc = await RequestModel.findOne({ trackingNo: { $regex: prefixPattern(prefix) } })
    .sort({ trackingNo: -1 })
    .select('trackingNo')
    .lean<{ trackingNo: string }>();
  return doc?.trackingNo ?? null;
}

export async function findByOrigin(originKey: string): Promise<RequestDoc | null> {
  return RequestModel.findOne({ originKey }).lean<RequestDoc>();
}

export async function findRequests(ids: string[]): Promise<RequestDoc[]> {
  if (!ids.length) return [];
  return RequestModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<RequestDoc[]>();
}

export async function findRequest(id: string): Promise<RequestDoc | null> {
  return RequestModel.findById(id).lean<RequestDoc>();
}

/**
 * Writes a step's fields, only while the request is still in the state the step leaves: the
 * winner's first write applies, a repair's second changes nothing.
 */
export async function applyStep(id: string, from: string, set: Record<string, unknown>): Promise<RequestDoc | null> {
  await RequestModel.updateOne({ _id: id, status: from }, { $set: set });
  return findRequest(id);
}

export async function listOfUser(userId: string, skip: number, limit: number) {
  const q = { userId: new Types.ObjectId(userId) };
  const [docs, total] = await Promise.all([
    RequestModel.find(q).sort({ receivedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<RequestDoc[]>(),
    RequestModel.countDocuments(q),
  ]);
  return { docs, total };
}

export interface QueueFilter {
  status?: string;
  category?: string;
  unit?: string;
  /** The units the caller may see: requests of these units and those not yet assigned. Absent: all. */
  visibleUnits?: string[];
  /** Only the overdue ones at this moment (`is: true`), or only those on time. */
  overdue?: { at: Date; is: boolean };
}

const NOT_ACCEPTED = ['held', 'received'];
const NOT_REPLIED = ['held', 'received', 'accepted', 'assigned'];

export async function listQueue(f: QueueFilter, skip: number, limit: number) {
  const and: Record<string, unknown>[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.category) and.push({ category: f.category });
  if (f.unit) and.push({ unit: f.unit });
  if (f.visibleUnits) and.push({ $or: [{ unit: { $in: f.visibleUnits } }, { unit: null }] });
  if (f.overdue) {
    const late = [
      { status: { $in: NOT_ACCEPTED }, acceptDueAt: { $lt: f.overdue.at } },
      { status: { $in: NOT_REPLIED }, dueAt: { $lt: f.overdue.at } },
    ];
    and.push(f.overdue.is ? { $or: late } : { $nor: late });
  }
  const q = and.length ? { $and: and } : {};
  const [docs, total] = await Promise.all([
    RequestModel.find(q).sort({ dueAt: 1, _id: 1 }).skip(skip).limit(limit).lean<RequestDoc[]>(),
    RequestModel.countDocuments(q),
  ]);
  return { docs, total };
}

export async function followUpsOf(ids: string[]): Promise<RequestDoc[]> {
  if (!ids.length) return [];
  return RequestModel.find({ followUpOf: { $in: ids.map((id) => new Types.ObjectId(id)) } })
    .sort({ receivedAt: 1 })
    .lean<RequestDoc[]>();
}

/** Requests that any rate of the period may count: received, due or replied between `from` and `to`. */
export async function requestsTouching(from: Date, to: Date): Promise<RequestDoc[]> {
  const range = { $gte: from, $lt: to };
  return RequestModel.find({ $or: [{ receivedAt: range }, { dueAt: range }, { repliedAt: range }] }).lean<RequestDoc[]>();
}

export async function insertAddition(row: Omit<AdditionDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<void> {
  await AdditionModel.create(row);
}

export async function additionsOf(requestId: string): Promise<AdditionDoc[]> {
  return AdditionModel.find({ requestId: new Types.ObjectId(requestId) })
    .sort({ at: 1 })
    .lean<AdditionDoc[]>();
}

/** 注销账号: a request without its account and what the person wrote or sent (its additions go too). */
export async function anonymiseRequest(id: Types.ObjectId, text: string): Promise<void> {
  await AdditionModel.deleteMany({ requestId: id });
  await RequestModel.updateOne({ _id: id }, { $set: { userId: null, text, photos: [], location: null } });
}

/** Records who uploaded a photo; the same person uploading the same bytes again finds the first row. */
export async function recordPhoto(name: string, userId: string, at: Date): Promise<void> {
  try {
    await PhotoModel.create({ _id: name, userId: new Types.ObjectId(userId), at });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** Who uploaded each of these photos (by stored name); a name without an uploader is absent. */
export async function photoUploaders(names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await PhotoModel.find({ _id: { $in: names } }).lean<{ _id: string; userId: Types.ObjectId }[]>();
  return new Map(rows.map((r) => [r._id, String(r.userId)]));
}

/** The stored names of the photos a person uploaded. */
export async function photosOfUser(userId: string): Promise<string[]> {
  const rows = await PhotoModel.find({ userId: new Types.ObjectId(userId) })
    .select('_id')
    .lean<{ _id: string }[]>();
  return rows.map((r) => r._id);
}

export async function forgetPhoto(name: string): Promise<void> {
  await PhotoModel.deleteOne({ _id: name });
}
