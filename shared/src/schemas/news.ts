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

export const newsListQuerySchema = paginationSchema
  .extend({
    category: newsCategorySchema.optional(),
    q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
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
}

export interface NewsArticle extends NewsListItem {
  contentHtml: string;
  source: string;
  author: string | null;
  readingMinutes: number;
}

export function newsCategoryLabel(value: string): string {
  return NEWS_CATEGORIES.find((c) => c.value === value)?.label ?? '资讯';
}
