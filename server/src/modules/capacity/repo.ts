import { SeatModel } from './model';

export async function takenSeatNos(poolId: string): Promise<number[]> {
  const rows = await SeatModel.find({ poolId }).select('seatNo').lean<{ seatNo: number }[]>();
  return rows.map((r) => r.seatNo);
}

export type InsertResult = 'ok' | 'seat-taken' | 'holder-exists';

/** Tries one seat; the unique indexes decide. */
export async function insertSeat(poolId: string, seatNo: number, holderKey: string, claimId: string): Promise<InsertResult> {
  try {
    await SeatModel.create({ poolId, seatNo, holderKey, claimId });
    return 'ok';
  } catch (e) {
    const err = e as { code?: number; keyPattern?: Record<string, number>; message?: string };
    if (err.code !== 11000) throw e;
    const holder = err.keyPattern ? 'holderKey' in err.keyPattern : /holderKey/.test(err.message ?? '');
    if (holder) return 'holder-exists';
    // FerretDB does not always name the index; ask which rule was hit.
    if (!err.keyPattern && (await SeatModel.exists({ poolId, holderKey }))) return 'holder-exists';
    return 'seat-taken';
  }
}

export async function deleteSeatsOfClaim(claimId: string): Promise<number> {
  const res = await SeatModel.deleteMany({ claimId });
  return res.deletedCount;
}

/** Places taken per pool, for `remaining`. */
export async function countTaken(poolIds: string[]): Promise<Map<string, number>> {
  if (!poolIds.length) return new Map();
  const rows = await SeatModel.aggregate<{ _id: string; n: number }>([
    { $match: { poolId: { $in: poolIds } } },
    { $group: { _id: '$poolId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

export const slotPool = (slotId: string) => `slot:${slotId}`;
export const sessionPool = (sessionId: string) => `session:${sessionId}`;

/** Places taken per service slot, keyed by slot id. */
export async function countTakenBySlot(slotIds: string[]): Promise<Map<string, number>> {
  const byPool = await countTaken(slotIds.map(slotPool));
  return new Map(slotIds.map((id) => [id, byPool.get(slotPool(id)) ?? 0]));
}

export async function seatsOlderThan(before: Date, limit: number): Promise<{ claimId: string }[]> {
  return SeatModel.find({ createdAt: { $lt: before } })
    .select('claimId')
    .limit(limit)
    .lean<{ claimId: string }[]>();
}
