import { z } from 'zod';
import { idSchema, instantSchema, pagedSchema, paginationSchema } from './common';

/** News categories of the official account, in the order the 资讯 tab shows them. */
export const NEWS_CATEGORIES = [
  { value: 'plan', label: '规划部署' },
  { value: 'policy', label: '政策解读' },
  { value: 'news', label: '开发区动态' },
  { value: 'notice', label: '通知公告' },
  { value: 'livelihood', label: '民生服务' },
] as const;

export type NewsCategory = (typeof NEWS_CATEGORIES)[number]['value'];

export const newsCategorySchema = z.enum(NEWS_CATEGORIES.map((c) => c.value) as [NewsCategory, ...NewsCategory[]], {
  error: '没有这个栏目',
});

export const NEWS_QUERY_MAX = 50;

export const newsListQuerySchema = paginationSchema
  .extend({
    category: newsCategorySchema.optional(),
    q: z.string().trim().max(NEWS_QUERY_MAX, `搜索词最多 ${NEWS_QUERY_MAX} 个字`).optional(),
  })
  .strict();

export type NewsListQuery = z.infer<typeof newsListQuerySchema>;

export const newsListItemSchema = z.strictObject({
  id: idSchema,
  title: z.string(),
  digest: z.string(),
  category: newsCategorySchema,
  coverUrl: z.string().nullable(),
  publishedAt: instantSchema,
  /** For a search: the words of the query, to highlight in the title and digest. */
  matches: z.array(z.string()).optional(),
});
export type NewsListItem = z.infer<typeof newsListItemSchema>;

/** `GET /api/news`. */
export const newsListSchema = pagedSchema(newsListItemSchema);

/** A piece of an article: sanitised rich text, or an image between the pieces (tap to preview). */
export const newsBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('html'), html: z.string() }),
  z.strictObject({ type: z.literal('image'), src: z.string(), ratio: z.number().nullable() }),
]);
export type NewsBlock = z.infer<typeof newsBlockSchema>;

/** `GET /api/news/:id`. */
export const newsArticleSchema = newsListItemSchema.extend({
  /** Sanitised: allow-listed tags, attributes and styles; images mirrored. */
  contentHtml: z.string(),
  blocks: z.array(newsBlockSchema),
  /** Every image in reading order, for the preview gallery. */
  images: z.array(z.string()),
  source: z.string(),
  author: z.string().nullable(),
  /** The article on the official account, when it came from there. */
  url: z.string().nullable(),
  readingMinutes: z.number().int().min(0),
  /** The 活动 the article is about, where readers sign up. */
  eventId: idSchema.nullable(),
});
export type NewsArticle = z.infer<typeof newsArticleSchema>;

/** `GET /api/news/latest` (首页): the pinned articles and the newest article of each category. */
export const newsLatestSchema = z.strictObject({
  pinned: z.array(newsListItemSchema),
  items: z.array(z.strictObject({ category: newsCategorySchema, label: z.string(), article: newsListItemSchema })),
});
export type NewsLatest = z.infer<typeof newsLatestSchema>;

/** What staff see of an article: also hidden ones, with where it came from and the override. */
export const staffNewsItemSchema = newsListItemSchema.extend({
  origin: z.enum(['oa', 'link', 'staff']),
  ruleCategory: newsCategorySchema,
  categoryOverride: newsCategorySchema.nullable(),
  hidden: z.boolean(),
  hiddenBy: z.enum(['source', 'staff']).nullable(),
  pinned: z.boolean(),
  url: z.string().nullable(),
});
export type StaffNewsItem = z.infer<typeof staffNewsItemSchema>;

/** `GET /api/staff/news`. */
export const staffNewsListSchema = pagedSchema(staffNewsItemSchema);

export function newsCategoryLabel(value: string): string {
  return NEWS_CATEGORIES.find((c) => c.value === value)?.label ?? '资讯';
}

/** A staff member's decision about one article: its category (null: back to the rules), hiding it, pinning it to 首页. */
export const newsPatchSchema = z
  .strictObject({
    category: newsCategorySchema.nullable().optional(),
    hidden: z.boolean({ error: '请说明是否下线' }).optional(),
    pinned: z.boolean({ error: '请说明是否置顶' }).optional(),
  })
  .refine((v) => v.category !== undefined || v.hidden !== undefined || v.pinned !== undefined, { error: '没有要修改的内容' });

const ARTICLE_LINK = /^https:\/\/mp\.weixin\.qq\.com\/s[/?]/;

/** An official-account article link a staff member pastes (mass-send articles are not in batchget). */
export const newsImportSchema = z.strictObject({
  url: z.string().trim().max(500, '链接太长了').regex(ARTICLE_LINK, '请粘贴以 https://mp.weixin.qq.com/s 开头的公众号文章链接'),
  category: newsCategorySchema.optional(),
});

/** A notice written by staff in the mini-program: paragraphs separated by blank lines. */
export const newsNoticeSchema = z.strictObject({
  title: z.string().trim().min(4, '标题至少 4 个字').max(64, '标题最多 64 个字'),
  category: newsCategorySchema,
  text: z.string().trim().min(10, '正文至少 10 个字').max(5000, '正文最多 5000 个字'),
});

export const newsCategoryRulesSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        category: newsCategorySchema,
        keywords: z.array(z.string().trim().min(1, '关键词不能为空').max(12, '关键词最多 12 个字')).max(50, '每个栏目最多 50 个关键词'),
      }),
    )
    .min(1, '至少一条规则')
    .max(NEWS_CATEGORIES.length),
});
export type NewsCategoryRules = z.infer<typeof newsCategoryRulesSchema>['rules'];

/** `GET /api/admin/news/rules`: the rules with each category's label. */
export const newsRulesAnswerSchema = z.strictObject({
  rules: z.array(z.strictObject({ category: newsCategorySchema, keywords: z.array(z.string()) })),
  labels: z.record(z.string(), z.string()),
});
export type NewsRulesAnswer = z.infer<typeof newsRulesAnswerSchema>;

/** `PUT /api/admin/news/rules`: the rules saved and how many articles were re-filed. */
export const newsRulesSavedSchema = z.strictObject({
  rules: newsRulesAnswerSchema.shape.rules,
  reclassified: z.number().int().min(0),
});
export type NewsRulesSaved = z.infer<typeof newsRulesSavedSchema>;

/** What one sync from the official account did. */
export const newsSyncReportSchema = z.strictObject({
  listed: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  hidden: z.number().int().min(0),
  failed: z.boolean(),
  error: z.string().nullable(),
  ms: z.number().min(0),
});
export type NewsSyncReport = z.infer<typeof newsSyncReportSchema>;

/** `POST /api/admin/news/sync`: the report, and whether this run held the lease (always, in a 200). */
export const newsSyncRunSchema = newsSyncReportSchema.extend({ held: z.boolean() });
export type NewsSyncRun = z.infer<typeof newsSyncRunSchema>;

/** `GET /api/admin/news/sync`: the last sync (when it ran) and when one last succeeded. */
export const newsSyncStatusSchema = z.strictObject({
  lastSync: newsSyncReportSchema.extend({ at: instantSchema }).nullable(),
  lastSuccessAt: instantSchema.nullable(),
});
export type NewsSyncStatus = z.infer<typeof newsSyncStatusSchema>;
