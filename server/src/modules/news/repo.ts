import type { NewsCategory } from '@jingkai/shared';
import { NewsModel, type NewsDoc } from './model';

export interface NewsFilter {
  category?: NewsCategory;
  /** Already escaped for use in a regular expression. */
  pattern?: string;
}

function where(filter: NewsFilter) {
  const q: Record<string, unknown> = { hidden: false };
  if (filter.category) q.category = filter.category;
  if (filter.pattern) q.$or = [{ title: { $regex: filter.pattern } }, { digest: { $regex: filter.pattern } }];
  return q;
}

export async function listNews(filter: NewsFilter, skip: number, limit: number): Promise<{ docs: NewsDoc[]; total: number }> {
  const q = where(filter);
  const [docs, total] = await Promise.all([
    NewsModel.find(q).select('-contentHtml').sort({ publishedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<NewsDoc[]>(),
    NewsModel.countDocuments(q),
  ]);
  return { docs, total };
}

export async function findNews(id: string): Promise<NewsDoc | null> {
  return NewsModel.findOne({ _id: id, hidden: false }).lean<NewsDoc>();
}

export type NewInput = Omit<NewsDoc, '_id' | 'createdAt' | 'updatedAt' | 'hidden'> & { hidden?: boolean };

/** Inserts or replaces by `sourceKey`, so the same article is never stored twice. */
export async function upsertNews(input: NewInput): Promise<void> {
  await NewsModel.updateOne({ sourceKey: input.sourceKey }, { $set: input }, { upsert: true });
}

export async function countNews(): Promise<number> {
  return NewsModel.estimatedDocumentCount();
}
