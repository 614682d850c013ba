import { TtlCache } from '../../lib/ttl-cache';
import { ServiceModel, SiteModel, SlotModel, type ServiceDoc, type SiteDoc, type SlotDoc } from './model';
import { isDuplicateKey } from '../../db';

export async function listServices(): Promise<ServiceDoc[]> {
  return ServiceModel.find({}).sort({ sortOrder: 1, _id: 1 }).lean<ServiceDoc[]>();
}

/**
 * Services, sites and slots by id, cached for a few seconds per instance and dropped on every write
 * here: a booking rush reads the same slot and service hundreds of times in a second, and concurrent
 * reads of one id share a single query.
 */
const byId = new TtlCache<unknown>(10_000, 5_000);
const cachedById = <T>(key: string, load: () => Promise<T>) => byId.get(key, load) as Promise<T>;
/**
 * Runs a write with the caches dropped before and after it: a read that started during the write
 * (and saw the old row) is dropped too, so nothing stale outlives the write on this instance.
 */
async function writing<T>(write: () => Promise<T>): Promise<T> {
  clearCaches();
  try {
    return await write();
  } finally {
    clearCaches();
  }
}

/** Bumped with every cache drop: what was built from services and slots before is stale. */
let generation = 0;
export const slotGeneration = () => generation;

function clearCaches(): void {
  generation++;
  slotCache.clear();
  byId.clear();
}

export async function findService(id: string): Promise<ServiceDoc | null> {
  return cachedById(`service:${id}`, () => ServiceModel.findById(id).lean<ServiceDoc>().exec());
}

export async function findSlot(id: string): Promise<SlotDoc | null> {
  return cachedById(`slot:${id}`, () => SlotModel.findById(id).lean<SlotDoc>().exec());
}

export async function findSite(id: string): Promise<SiteDoc | null> {
  return cachedById(`site:${id}`, () => SiteModel.findById(id).lean<SiteDoc>().exec());
}

/** Inserts one slot; returns undefined when the site already has a slot at that start. */
export async function insertSlot(input: SlotInput): Promise<SlotDoc | undefined> {
  try {
    return (await writing(() => SlotModel.create(input))).toObject() as SlotDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return undefined;
    throw e;
  }
}

export async function countSitesByService(): Promise<Map<string, number>> {
  const rows = await SiteModel.aggregate<{ _id: unknown; n: number }>([{ $group: { _id: '$serviceId', n: { $sum: 1 } } }]);
  return new Map(rows.map((r) => [String(r._id), r.n]));
}

export async function listSites(serviceId: string): Promise<SiteDoc[]> {
  return SiteModel.find({ serviceId }).sort({ sortOrder: 1, _id: 1 }).lean<SiteDoc[]>();
}

/**
 * Slot documents change only when staff add, schedule or close slots, but the embedded FerretDB scans
 * the whole collection for every query; they are cached for a few seconds and dropped on every slot
 * write here. Places taken are never cached: `remaining` is counted on each request.
 */
const slotCache = new TtlCache<SlotDoc[]>(10_000);

/** Slots whose Shanghai start date lies in [from, to]. */
export async function listSlots(serviceId: string, from: string, to: string): Promise<SlotDoc[]> {
  return slotCache.get(`${serviceId}|${from}|${to}`, () =>
    SlotModel.find({ serviceId, date: { $gte: from, $lte: to } })
      .sort({ start: 1, siteId: 1 })
      .lean<SlotDoc[]>()
      .exec(),
  );
}

export type ServiceInput = Omit<ServiceDoc, '_id' | 'createdAt' | 'updatedAt'>;
export type SiteInput = Omit<SiteDoc, '_id' | 'createdAt' | 'updatedAt'>;
export type SlotInput = Omit<SlotDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** Upserts by `key`; returns the id. */
export async function upsertService(input: ServiceInput): Promise<string> {
  const doc = await writing(() =>
    ServiceModel.findOneAndUpdate({ key: input.key }, { $set: input }, { upsert: true, new: true }).lean<ServiceDoc>(),
  );
  return String(doc!._id);
}

export async function upsertSite(input: SiteInput): Promise<string> {
  const doc = await writing(() =>
    SiteModel.findOneAndUpdate(
      { serviceId: input.serviceId, key: input.key },
      { $set: input },
      { upsert: true, new: true },
    ).lean<SiteDoc>(),
  );
  return String(doc!._id);
}

/** Inserts slots, skipping ones that already exist at the same site and start. */
export async function insertSlots(inputs: SlotInput[]): Promise<number> {
  if (!inputs.length) return 0;
  try {
    const res = await writing(() => SlotModel.insertMany(inputs, { ordered: false }));
    return res.length;
  } catch (e) {
    const err = e as { code?: number; insertedDocs?: unknown[]; writeErrors?: { code?: number }[] };
    const allDup = isDuplicateKey(err) || (err.writeErrors ?? []).every(isDuplicateKey);
    if (!allDup) throw e;
    return err.insertedDocs?.length ?? 0;
  }
}

export async function closeSlot(id: string, reason: string): Promise<SlotDoc | null> {
  return writing(() => SlotModel.findByIdAndUpdate(id, { $set: { closedReason: reason } }, { new: true }).lean<SlotDoc>());
}

/** The slot as stored now, past every cache: what a booking checks once it is written. */
export async function findSlotFresh(id: string): Promise<SlotDoc | null> {
  return SlotModel.findById(id).lean<SlotDoc>();
}
