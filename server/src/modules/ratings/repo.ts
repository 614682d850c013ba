import { isDuplicateKey } from '../../db';
import { RatingModel, type RatingDoc } from './model';

export type { RatingDoc };
export type RatingInput = Omit<RatingDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** Inserts a rating; false when the item is rated already. */
export async function insertRating(row: RatingInput): Promise<RatingDoc | null> {
  try {
    const doc = await RatingModel.create(row);
    return doc.toObject() as RatingDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return null;
    throw e;
  }
}

export async function findRating(key: string): Promise<RatingDoc | null> {
  return RatingModel.findOne({ key }).lean<RatingDoc>();
}

export async function setRatingFollowUp(key: string, followUpId: string): Promise<void> {
  await RatingModel.updateOne({ key }, { $set: { followUpId } });
}

/** 差评 without their follow-up, rated before `before`: what a crash between the two writes left. */
export async function poorRatingsWithoutFollowUp(before: Date): Promise<RatingDoc[]> {
  return RatingModel.find({ level: { $lte: 2 }, followUpId: null, at: { $lt: before } }).lean<RatingDoc[]>();
}

export async function ratingsOf(keys: string[]): Promise<RatingDoc[]> {
  if (!keys.length) return [];
  return RatingModel.find({ key: { $in: keys } }).lean<RatingDoc[]>();
}

export async function ratingsBetween(from: Date, to: Date): Promise<RatingDoc[]> {
  return RatingModel.find({ at: { $gte: from, $lt: to } }).lean<RatingDoc[]>();
}

/** What each of these items' rating says (level and when), by subject id: for the answers that show an item rated. */
export async function ratedOf(
  kind: 'booking' | 'registration' | 'request',
  ids: string[],
): Promise<Map<string, { level: number; at: Date }>> {
  const rows = await ratingsOf(ids.map((id) => `${kind}:${id}`));
  return new Map(rows.map((g) => [g.subjectId, { level: g.level, at: g.at }]));
}
