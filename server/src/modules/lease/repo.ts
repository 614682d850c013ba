import { isDuplicateKey } from '../../db';
import { LeaseModel } from './model';

/**
 * Takes or renews the lease `name` for `holder` until `until`, without transactions. Only inserts
 * decide who holds it (the unique index picks one winner): a stale lease is deleted by its _id and
 * the name inserted afresh, so two instances taking over at once cannot both win. Renewal updates
 * the holder's own row by its _id, which a takeover has replaced.
 */
export async function acquireLease(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const current = await LeaseModel.findOne({ name }).lean();
  if (current && current.holder === holder) {
    return (await LeaseModel.updateOne({ _id: current._id, holder }, { $set: { expiresAt: until } })).matchedCount === 1;
  }
  if (current && current.expiresAt > now) return false;
  if (current) await LeaseModel.deleteOne({ _id: current._id });
  try {
    await LeaseModel.create({ name, holder, expiresAt: until });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await LeaseModel.deleteOne({ name, holder });
}
