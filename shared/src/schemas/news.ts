import { z } from 'zod';
import { paginationSchema } from './common';

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

export interface NewsListItem {
  id: string;
  title: string;
  digest: string;
  category: NewsCategory;
  coverUrl: string | null;
  publishedAt: string;
  /** For a search: the words of the query, to highlight in the title and digest. */
  matches?: string[];
}

/** A piece of an article: sanitised rich text, or an image between the pieces (tap to preview). */
export type NewsBlock = { type: 'html'; html: string } | { type: 'image'; src: string; ratio: number | null };

export interface NewsArticle extends NewsListItem {
  /** Sanitised: allow-listed tags, attributes and styles; images mirrored. */
  contentHtml: string;
  blocks: NewsBlock[];
  /** Every image in reading order, for the preview gallery. */
  images: string[];
  source: string;
  author: string | null;
  /** The article on the official account, when it came from there. */
  url: string | null;
  readingMinutes: number;
}

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

export interface NewsSyncReport {
  listed: number;
  created: number;
  updated: number;
  unchanged: number;
  hidden: number;
  failed: boolean;
  error: string | null;
  ms: number;
}
