import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { NEWS_CATEGORIES } from '@jingkai/shared';

const CATEGORY_VALUES = NEWS_CATEGORIES.map((c) => c.value);

/** A word of an article's title or digest and how it is typed in pinyin (search.ts's `ShownWord`). */
const shownWordSchema = new Schema(
  {
    w: { type: String, required: true },
    py: { type: String, default: '' },
    ini: { type: String, default: '' },
    title: { type: Boolean, default: false },
  },
  { _id: false },
);

const newsSchema = new Schema(
  {
    /** Where the article came from and its key there: `oa:<article_id>:<index>`, `link:<hash>`, `staff:<id>`. */
    sourceKey: { type: String, required: true },
    /** `oa` (the official account's publish list), `link` (pasted by staff) or `staff` (written here). */
    origin: { type: String, required: true, enum: ['oa', 'link', 'staff'] },
    title: { type: String, required: true },
    digest: { type: String, default: '' },
    /** The category shown: the staff override when there is one, else what the rules give. */
    category: { type: String, required: true, enum: CATEGORY_VALUES },
    ruleCategory: { type: String, required: true, enum: CATEGORY_VALUES },
    categoryOverride: { type: String, default: null, enum: [...CATEGORY_VALUES, null] },
    coverUrl: { type: String, default: null },
    /** Sanitised, with images pointing at their mirrored copies. */
    contentHtml: { type: String, required: true },
    /** What search finds the article by: characters, bigrams, parts of words and numbers, pinyin (see search.ts). */
    terms: { type: [String], default: [] },
    /** The words of the title and digest with their pinyin, to rank and highlight a search. */
    shown: { type: [shownWordSchema], default: [] },
    /** The version of search.ts that indexed `terms` and `shown`; older ones are indexed again at start and on a sync. */
    searchVersion: { type: Number, default: 0 },
    readingMinutes: { type: Number, required: true },
    author: { type: String, default: null },
    source: { type: String, required: true },
    url: { type: String, default: null },
    publishedAt: { type: Date, required: true },
    /** The source's own update time (unix seconds), to skip unchanged articles on the next sync. */
    sourceUpdatedAt: { type: Number, default: 0 },
    hidden: { type: Boolean, default: false },
    /** 置顶: shown above the newest on 首页, set by staff. */
    pinned: { type: Boolean, default: false },
    /** The 活动 this article is about (set from the event's side), so readers can sign up from it. */
    eventId: { type: String, default: null },
    /** `source`: deleted on the official account (a sync may bring it back); `staff`: taken down here. */
    hiddenBy: { type: String, default: null, enum: ['source', 'staff', null] },
  },
  { timestamps: true, collection: 'news' },
);
newsSchema.index({ sourceKey: 1 }, { unique: true });
newsSchema.index({ hidden: 1, publishedAt: -1 });
newsSchema.index({ hidden: 1, category: 1, publishedAt: -1 });
newsSchema.index({ terms: 1 });
newsSchema.index({ searchVersion: 1 });

/** The keyword rules per category, editable by admins; one document per category. */
const ruleSchema = new Schema(
  {
    category: { type: String, required: true, enum: CATEGORY_VALUES },
    priority: { type: Number, required: true },
    keywords: { type: [String], default: [] },
  },
  { timestamps: true, collection: 'news_category_rules' },
);
ruleSchema.index({ category: 1 }, { unique: true });

/**
 * One document per feed: a version every change bumps, so each API instance's cache notices, and
 * the last sync's outcome for the admin page.
 */
const metaSchema = new Schema(
  {
    name: { type: String, required: true },
    version: { type: String, default: '' },
    lastSync: { type: Schema.Types.Mixed, default: null },
    lastSuccessAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'news_meta' },
);
metaSchema.index({ name: 1 }, { unique: true });

export type NewsDoc = Omit<InferSchemaType<typeof newsSchema>, 'shown'> & {
  _id: Types.ObjectId;
  shown: InferSchemaType<typeof shownWordSchema>[];
};
export const NewsModel = model('News', newsSchema);
export const NewsRuleModel = model('NewsRule', ruleSchema);
export const NewsMetaModel = model('NewsMeta', metaSchema);
