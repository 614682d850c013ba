import { randomUUID } from 'node:crypto';
import type { NewsCategory, NewsCategoryRules } from '@jingkai/shared';
import { NewsMetaModel, NewsModel, NewsRuleModel, type NewsDoc } from './model';
import { prefixPattern } from '../../lib/escape';

export type { NewsDoc };

/** What a list needs of an article: everything but the content and the search index. */
export type NewsListDoc = Omit<NewsDoc, 'contentHtml' | 'terms' | 'shown'>;
/** What a search needs: a list item and the title's and digest's words, to rank and highlight. */
export type NewsFoundDoc = NewsListDoc & Pick<NewsDoc, 'shown'>;

const LIST_FIELDS = '-contentHtml -terms -shown';

/** Every visible article without its content, newest first: what the in-process cache holds. */
export async function listVisible(): Promise<NewsListDoc[]> {
  return NewsModel.find({ hidden: false }).select(LIST_FIELDS).sort({ publishedAt: -1, _id: -1 }).lean<NewsListDoc[]>();
}

/**
 * Visible articles holding every one of `terms`: one `$all` on the indexed array, which MongoDB
 * answers from the index and FerretDB by a scan, alike.
 */
export async function searchVisible(terms: string[], category?: NewsCategory): Promise<NewsFoundDoc[]> {
  const q: Record<string, unknown> = { hidden: false, terms: { $all: terms } };
  if (category) q.category = category;
  return NewsModel.find(q).select('-contentHtml -terms').sort({ publishedAt: -1, _id: -1 }).limit(500).lean<NewsFoundDoc[]>();
}

/** What indexing an article needs of it. */
export type IndexSource = Pick<NewsDoc, '_id' | 'title' | 'digest' | 'contentHtml'>;

/** Up to `limit` articles (hidden ones too) indexed under another version than `version`, or never. */
export async function staleIndex(version: number, limit: number): Promise<IndexSource[]> {
  return NewsModel.find({ searchVersion: { $ne: version } })
    .select('title digest contentHtml')
    .limit(limit)
    .lean<IndexSource[]>();
}

/** Stores an article's new index unless a sync stored it meanwhile (already at `version`, from newer content). */
export async function saveIndex(id: NewsDoc['_id'], index: Pick<NewsDoc, 'terms' | 'shown' | 'searchVersion'>): Promise<boolean> {
  const r = await NewsModel.updateOne({ _id: id, searchVersion: { $ne: index.searchVersion } }, { $set: index }, { timestamps: false });
  return r.modifiedCount > 0;
}

export async function findVisible(id: string): Promise<NewsDoc | null> {
  return NewsModel.findOne({ _id: id, hidden: false }).lean<NewsDoc>();
}

export async function findBySourceKey(key: string): Promise<NewsDoc | null> {
  return NewsModel.findOne({ sourceKey: key }).lean<NewsDoc>();
}

/** Every article, hidden ones too, newest first: the staff list. */
export async function listAll(skip: number, limit: number): Promise<{ docs: NewsDoc[]; total: number }> {
  const [docs, total] = await Promise.all([
    NewsModel.find({}).select('-contentHtml -terms -shown').sort({ publishedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<NewsDoc[]>(),
    NewsModel.countDocuments({}),
  ]);
  return { docs, total };
}

/** The stored state of the given source keys, to tell new, changed and unchanged articles apart. */
/** What a sync needs to know of an article it already holds. */
export type StoredState = Pick<NewsDoc, '_id' | 'sourceKey' | 'sourceUpdatedAt' | 'hidden' | 'hiddenBy' | 'categoryOverride'>;

export async function findBySourceKeys(keys: string[]): Promise<StoredState[]> {
  if (!keys.length) return [];
  return NewsModel.find({ sourceKey: { $in: keys } })
    .select('sourceKey sourceUpdatedAt hidden hiddenBy categoryOverride')
    .lean();
}

export type NewsWrite = Omit<NewsDoc, '_id' | 'createdAt' | 'updatedAt' | 'categoryOverride' | 'hidden' | 'hiddenBy' | 'pinned'>;

/**
 * Inserts or updates by `sourceKey` (unique), so an article is never stored twice however often a
 * sync runs or is retried. A staff override and a staff take-down survive; a source deletion is undone.
 */
export async function upsertBySourceKey(w: NewsWrite, keep: { categoryOverride: string | null; hiddenByStaff: boolean }): Promise<void> {
  await NewsModel.updateOne(
    { sourceKey: w.sourceKey },
    {
      $set: {
        ...w,
        category: keep.categoryOverride ?? w.ruleCategory,
        categoryOverride: keep.categoryOverride,
        hidden: keep.hiddenByStaff,
        hiddenBy: keep.hiddenByStaff ? 'staff' : null,
      },
    },
    { upsert: true },
  );
}

/** Hides official-account articles that are no longer published; returns how many. */
export async function hideMissingFromSource(prefix: string, seen: string[]): Promise<number> {
  const r = await NewsModel.updateMany(
    { sourceKey: { $regex: prefixPattern(prefix), $nin: seen }, hidden: false },
    { $set: { hidden: true, hiddenBy: 'source' } },
  );
  return r.modifiedCount;
}

export async function hideBySourceKey(key: string): Promise<boolean> {
  const r = await NewsModel.updateOne({ sourceKey: key, hidden: false }, { $set: { hidden: true, hiddenBy: 'source' } });
  return r.modifiedCount > 0;
}

export async function setOverride(
  id: string,
  patch: { categoryOverride?: NewsCategory | null; hidden?: boolean; pinned?: boolean },
): Promise<NewsDoc | null> {
  const doc = await NewsModel.findById(id).lean<NewsDoc>();
  if (!doc) return null;
  const $set: Record<string, unknown> = {};
  if (patch.categoryOverride !== undefined) {
    $set.categoryOverride = patch.categoryOverride;
    $set.category = patch.categoryOverride ?? doc.ruleCategory;
  }
  if (patch.hidden !== undefined) {
    $set.hidden = patch.hidden;
    $set.hiddenBy = patch.hidden ? 'staff' : null;
  }
  if (patch.pinned !== undefined) $set.pinned = patch.pinned;
  return NewsModel.findOneAndUpdate({ _id: id }, { $set }, { new: true }).lean<NewsDoc>();
}

/** Recomputes the rule category of every article without an override after the rules change. */
export async function reclassifyAll(classify: (a: { title: string; digest: string }) => NewsCategory): Promise<number> {
  const docs = await NewsModel.find({}).select('title digest ruleCategory categoryOverride').lean();
  let changed = 0;
  for (const d of docs) {
    const next = classify({ title: d.title, digest: d.digest ?? '' });
    if (next === d.ruleCategory) continue;
    await NewsModel.updateOne({ _id: d._id }, { $set: { ruleCategory: next, category: d.categoryOverride ?? next } });
    changed++;
  }
  return changed;
}

/** Pins the article of a source key (the demo pins the 2025 plan article); false when it is not there. */
export async function pinBySourceKey(key: string): Promise<boolean> {
  const r = await NewsModel.updateOne({ sourceKey: key }, { $set: { pinned: true } });
  return r.matchedCount > 0;
}

/** Points the article `newsId` (or none) at the event, and no other article at it. False when there is no such article. */
export async function linkEvent(newsId: string | null, eventId: string): Promise<boolean> {
  if (newsId && !(await articleExists(newsId))) return false;
  await NewsModel.updateMany({ eventId, ...(newsId ? { _id: { $ne: newsId } } : {}) }, { $set: { eventId: null } });
  if (newsId) await NewsModel.updateOne({ _id: newsId }, { $set: { eventId } });
  return true;
}

export async function articleExists(id: string): Promise<boolean> {
  return (await NewsModel.exists({ _id: id })) !== null;
}

/** The id of the newest article whose title contains `text`. */
export async function findIdByTitle(text: string): Promise<string | null> {
  const docs = await NewsModel.find({}, { title: 1 }).sort({ publishedAt: -1 }).lean<{ _id: unknown; title: string }[]>();
  const hit = docs.find((d) => d.title.includes(text));
  return hit ? String(hit._id) : null;
}

export async function countNews(): Promise<number> {
  return NewsModel.estimatedDocumentCount();
}

/** The rules in priority order; empty until an admin first saves them. */
export async function loadRules(): Promise<NewsCategoryRules> {
  const docs = await NewsRuleModel.find({}).sort({ priority: 1 }).lean();
  return docs.map((d) => ({ category: d.category as NewsCategory, keywords: d.keywords }));
}

export async function saveRules(rules: NewsCategoryRules): Promise<void> {
  for (const [priority, r] of rules.entries()) {
    await NewsRuleModel.updateOne({ category: r.category }, { $set: { priority, keywords: r.keywords } }, { upsert: true });
  }
  await NewsRuleModel.deleteMany({ category: { $nin: rules.map((r) => r.category) } });
}

const FEED = 'news';

/** The current content version; replaced by every change to what citizens see. */
export async function readVersion(): Promise<string> {
  const m = await NewsMetaModel.findOne({ name: FEED }).select('version').lean();
  return m?.version ?? '';
}

/** A fresh random version rather than `$inc`, which FerretDB v1 can lose under concurrent writers. */
export async function bumpVersion(): Promise<void> {
  await NewsMetaModel.updateOne({ name: FEED }, { $set: { version: randomUUID() } }, { upsert: true });
}

export async function recordSync(report: unknown, success: boolean, at: Date): Promise<void> {
  await NewsMetaModel.updateOne(
    { name: FEED },
    { $set: { lastSync: report, ...(success ? { lastSuccessAt: at } : {}) } },
    { upsert: true },
  );
}

export async function readMeta(): Promise<{ lastSync: unknown; lastSuccessAt: Date | null }> {
  const m = await NewsMetaModel.findOne({ name: FEED }).select('lastSync lastSuccessAt').lean();
  return { lastSync: m?.lastSync ?? null, lastSuccessAt: m?.lastSuccessAt ?? null };
}
