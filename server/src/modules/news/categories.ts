import type { NewsCategory, NewsCategoryRules } from '@jingkai/shared';

/**
 * The starting rules, in priority order (a tie goes to the earlier category). Admins edit them;
 * `news` (开发区动态) is where an article goes when no rule speaks for another category.
 */
export const DEFAULT_CATEGORY_RULES: NewsCategoryRules = [
  { category: 'notice', keywords: ['通知', '公告', '公示', '报名', '须知', '开幕', '提醒', '停水', '停电', '征集'] },
  { category: 'policy', keywords: ['政策', '解读', '一图读懂', '办法', '条例', '意见', '措施', '举措', '细则'] },
  {
    category: 'plan',
    keywords: [
      '规划',
      '部署',
      '谋划',
      '布局',
      '十四五',
      '十五五',
      '蓝图',
      '招商引资',
      '签约',
      '重点项目',
      '加快建设',
      '新赛道',
      '产业集群',
    ],
  },
  {
    category: 'livelihood',
    keywords: ['托育', '助餐', '养老', '医保', '社保', '就业', '学位', '便民', '上门办', '预约办', '民生', '就医'],
  },
  { category: 'news', keywords: ['举办', '召开', '活动', '调研', '会议', '走访', '动态', '观摩'] },
];

/**
 * The category the rules give an article: each keyword found in the title counts 10, in the digest 1
 * (so the title decides when it speaks); the highest score wins, ties go to the earlier rule, no hit
 * at all means 开发区动态.
 */
export function classify(rules: NewsCategoryRules, article: { title: string; digest: string }): NewsCategory {
  let best: { category: NewsCategory; score: number } = { category: 'news', score: 0 };
  for (const rule of rules) {
    const score = rule.keywords.reduce((sum, k) => sum + (article.title.includes(k) ? 10 : 0) + (article.digest.includes(k) ? 1 : 0), 0);
    if (score > best.score) best = { category: rule.category, score };
  }
  return best.category;
}
