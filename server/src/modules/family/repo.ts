import { FamilyModel, type FamilyDoc } from './model';
import { isDuplicateKey } from '../../db';

export type { FamilyDoc };
export type FamilyInput = Omit<FamilyDoc, '_id' | 'createdAt' | 'updatedAt' | 'ownerId'> & { ownerId: string };

/** Every read is scoped to its owner: another person's member is simply not found. */
export async function list(ownerId: string): Promise<FamilyDoc[]> {
  return FamilyModel.find({ ownerId }).sort({ _id: 1 }).lean<FamilyDoc[]>();
}

export async function find(ownerId: string, id: string): Promise<FamilyDoc | null> {
  return FamilyModel.findOne({ _id: id, ownerId }).lean<FamilyDoc>();
}

export async function count(ownerId: string): Promise<number> {
  return FamilyModel.countDocuments({ ownerId });
}

/** Returns undefined when the owner already keeps this ID number. */
export async function insert(input: FamilyInput): Promise<FamilyDoc | undefined> {
  try {
    const doc = await FamilyModel.create(input);
    return doc.toObject() as FamilyDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return undefined;
    throw e;
  }
}

/**
 * The accounts an ID number is bound to (each that added the person with consent), by its keyed
 * hash. Not owner-scoped: it answers "whose", never "what".
 */
export async function findBindings(idNumberHash: string): Promise<{ ownerId: string; id: string; relation: string }[]> {
  const docs = await FamilyModel.find({ idNumberHash })
    .select({ ownerId: 1, relation: 1 })
    .lean<Pick<FamilyDoc, '_id' | 'ownerId' | 'relation'>[]>();
  return docs.map((d) => ({ ownerId: String(d.ownerId), id: String(d._id), relation: d.relation }));
}

export async function remove(ownerId: string, id: string): Promise<boolean> {
  return (await FamilyModel.deleteOne({ _id: id, ownerId })).deletedCount === 1;
}

export async function removeAll(ownerId: string): Promise<number> {
  return (await FamilyModel.deleteMany({ ownerId })).deletedCount;
}
