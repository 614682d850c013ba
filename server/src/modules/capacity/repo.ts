import { randomUUID } from 'node:crypto';
import { SeatModel, SeatVersionModel } from './model';
import { forgetHere } from './memory';
import { isListedPool } from './pools';
import { isDuplicateKey } from '../../db';

export async function takenSeatNos(poolId: string): Promise<number[]> {
  const rows = await SeatModel.find({ poolId }).select('seatNo').lean<{ seatNo: number }[]>();
  return rows.map((r) => r.seatNo);
}

/** The taken seats of a pool with their holders and claims: a group retried under its claim id finds its own. */
export async function takenSeats(poolId: string): Promise<{ seatNo: number; holderKey: string; claimId: string }[]> {
  return SeatModel.find({ poolId })
    .select({ seatNo: 1, holderKey: 1, claimId: 1, _id: 0 })
    .lean<{ seatNo: number; holderKey: string; claimId: string }[]>();
}

export type InsertResult = 'ok' | 'seat-taken' | 'holder-exists';

/**
 * Tries one seat; the unique indexes decide. A holder's seat written under the same claim id (an
 * earlier attempt of the same operation, whose answer was lost) is this claim's own: 'ok'.
 */
export async function insertSeat(poolId: string, seatNo: number, holderKey: string, claimId: string): Promise<InsertResult> {
  try {
    await SeatModel.create({ poolId, seatNo, holderKey, claimId });
    if (isListedPool(poolId)) await seatsChanged([poolId]);
    return 'ok';
  } catch (e) {
    const err = e as { code?: number; keyPattern?: Record<string, number>; message?: string };
    if (!isDuplicateKey(err)) throw e;
    const named = err.keyPattern ? 'holderKey' in err.keyPattern : /holderKey/.test(err.message ?? '');
    // FerretDB does not always name the index; ask which rule was hit.
    const held =
      named || !err.keyPattern ? await SeatModel.findOne({ poolId, holderKey }).select('claimId').lean<{ claimId: string }>() : null;
    if (held) return held.claimId === claimId ? 'ok' : 'holder-exists';
    return 'seat-taken';
  }
}

/** One delete for a batch of claims (the sweeper): FerretDB scans once, not once per claim. */
export async function deleteSeatsOfClaims(claimIds: string[]): Promise<number> {
  const res = await SeatModel.deleteMany({ claimId: { $in: claimIds } });
  if (res.deletedCount) await seatsChanged();
  return res.deletedCount;
}

/** A failed group's seats in one pool (its claim may hold places in other pools too). */
export async function deleteSeatsOfClaimInPool(poolId: string, claimId: string): Promise<number> {
  const res = await SeatModel.deleteMany({ poolId, claimId });
  if (res.deletedCount) await seatsChanged([poolId]);
  return res.deletedCount;
}

export async function deleteSeatsOfClaim(claimId: string): Promise<number> {
  const res = await SeatModel.deleteMany({ claimId });
  if (res.deletedCount) await seatsChanged();
  return res.deletedCount;
}

/** Places taken per pool, for `remaining`. */
export async function countTaken(poolIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!poolIds.length) return counts;
  // A plain find, counted here: FerretDB v1 runs $group in Go over every document, which is slower.
  const rows = await SeatModel.find({ poolId: { $in: poolIds } })
    .select({ poolId: 1, _id: 0 })
    .lean<{ poolId: string }[]>();
  for (const r of rows) counts.set(r.poolId, (counts.get(r.poolId) ?? 0) + 1);
  return counts;
}

/** Seats of the given pool kinds created before `before`, the whole collection through a cursor. */
export async function* seatsOlderThan(kinds: string[], before: Date): AsyncGenerator<{ claimId: string; poolId: string }> {
  const cursor = SeatModel.find({ createdAt: { $lt: before }, poolId: { $regex: `^(${kinds.join('|')}):` } })
    .select({ claimId: 1, poolId: 1, _id: 0 })
    .lean<{ claimId: string; poolId: string }[]>()
    .cursor();
  for await (const seat of cursor) yield seat as unknown as { claimId: string; poolId: string };
}

/** The holders a claim has seated in one pool. */
export async function holdersOfClaimInPool(claimId: string, poolId: string): Promise<string[]> {
  const rows = await SeatModel.find({ claimId, poolId }).select({ holderKey: 1, _id: 0 }).lean<{ holderKey: string }[]>();
  return rows.map((r) => r.holderKey);
}

export async function poolsOfClaim(claimId: string): Promise<string[]> {
  const rows = await SeatModel.find({ claimId }).select({ poolId: 1, _id: 0 }).lean<{ poolId: string }[]>();
  return rows.map((r) => r.poolId);
}

export async function deleteSeatOfHolder(poolId: string, holderKey: string): Promise<number> {
  const res = await SeatModel.deleteMany({ poolId, holderKey });
  if (res.deletedCount) await seatsChanged([poolId]);
  return res.deletedCount;
}

const VERSION_ID = 'seats';

/** The shared seat version (null before the first change): another value means another instance changed seats. */
export async function seatVersion(): Promise<string | null> {
  const doc = await SeatVersionModel.findById(VERSION_ID).lean<{ v: string }>();
  return doc?.v ?? null;
}

async function writeVersion(): Promise<void> {
  // A new value each time, never an increment: FerretDB's update is read-then-write, and two
  // increments could land on the same number, where two random values never do.
  const v = randomUUID();
  try {
    await SeatVersionModel.updateOne({ _id: VERSION_ID }, { $set: { v } }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await SeatVersionModel.updateOne({ _id: VERSION_ID }, { $set: { v } });
  }
}

let writing: Promise<void> | null = null;
let queued: Promise<void> | null = null;

/**
 * Tells this instance's counts and the other instances that seats of these pools (all, when not
 * named) changed. Bumps that come while one is being written share the next write, which starts
 * after their seat rows: a rush writes the version a few times, not once per seat.
 */
async function seatsChanged(poolIds?: string[]): Promise<void> {
  forgetHere(poolIds);
  if (!writing) {
    writing = writeVersion().finally(() => (writing = null));
    return writing;
  }
  queued ??= writing
    .catch(() => undefined)
    .then(() => {
      queued = null;
      writing = writeVersion().finally(() => (writing = null));
      return writing;
    });
  return queued;
}
