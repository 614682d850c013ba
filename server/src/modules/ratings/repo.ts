import { Types } from 'mongoose';
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

/** The comment of a request's rating, written after its 评价 step won (the step's row carries no citizen text). */
export async function setRatingComment(key: string, comment: string): Promise<void> {
  await RatingModel.updateOne({ key }, { $set: { comment } });
}

/** 注销账号: the person's ratings keep their level for the figures, but lose what they wrote. Answers how many. */
export async function forgetRatingComments(userId: string): Promise<number> {
  const res = await RatingModel.updateMany({ userId: new Types.ObjectId(userId), comment: { $ne: null } }, { $set: { comment: null } });
  return res.modifiedCount;
}
