import request from 'supertest';
import pino from 'pino';
import { createDeps } from '../src/deps';
import { plainText } from '../src/modules/news/html';
import { NewsModel } from '../src/modules/news/model';
import { rank } from '../src/modules/news/rank';
import { reindexNews } from '../src/modules/news/reindex';
import { searchVisible } from '../src/modules/news/repo';
import { indexArticle, parseQuery, SEARCH_INDEX_VERSION } from '../src/modules/news/search';
import { syncNews } from '../src/modules/news/sync';
import { standinFixtureArticles } from '../src/wechat/standin/articles';
import { testApp, testConfig, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
const app = testApp().callback();
const sync = () => syncNews(createDeps(testConfig({ WECHAT_API_BASE: standin.current.url }), pino({ level: 'silent' })));

beforeAll(async () => {
  expect(await sync()).toMatchObject({ failed: false, created: 14 });
});

/** The fourteen articles the stand-in publishes, by a short name. */
const T = {
  seed: '开发区:铆足干劲开新局 全力以赴拼经济 建言献策',
  invest: '招商引资再提速：开发区集中签约一批大项目好项目',
  agri: '现代农业科技园项目加快建设 设施农业连点成线',
  sky: '布局新赛道：开发区谋划打造通辽低空经济服务中心',
  port: '谋划建设通辽国际陆港物流中心 发展进出口贸易和跨境电商',
  child: '“15分钟托育圈”来了：智慧托育服务可在小程序预约',
  meal: '9个养老服务站开展老年助餐 长辈可到站用餐或送餐上门',
  insure: '医保服务“上门办、预约办、自助机办” 行动不便的居民可申请上门',
  jobs: '招聘会暨直播带岗活动举办 线上线下同步送岗位',
  music: '草原音乐节报名开启：分场次预约 每人一张电子票',
  horse: '818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来',
  hotline: '擦亮“经开事·精心办”品牌 12345便民热线“四率”持续提升',
  safety: '关于开展安全生产隐患排查整治的通知',
  housing: '一图读懂：房地产领域“1+6”政策体系配套举措',
};

/** The stand-in's articles as the sync reads them. */
const fixtures = () =>
  standinFixtureArticles().map((a) => {
    const n = a.content.news_item[0] as { title: string; digest: string; content: string };
    return { id: a.article_id, title: n.title, digest: n.digest, text: plainText(n.content) };
  });

async function titles(q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await request(app)
    .get('/api/news')
    .query({ q, pageSize: 50, ...extra });
  expect(res.status).toBe(200);
  return res.body.items.map((i: { title: string }) => i.title);
}

/**
 * Each query and what it must find: `only` is the whole set found (so nothing unrelated is), `find`
 * what must be among the results, `notFind` what must not, `first` the top result.
 */
interface Case {
  q: string;
  only?: string[];
  find?: string[];
  notFind?: string[];
  first?: string;
}

/** Pieces of the titles, typed as they stand, however a segmenter cuts them. */
const TITLE_PIECES: Case[] = [
  { q: '铆足干劲', only: [T.seed] },
  { q: '开新局', only: [T.seed] },
  { q: '四率', only: [T.hotline, T.seed], first: T.hotline },
  { q: '全力以赴拼经济', only: [T.seed] },
  { q: '建言献策', only: [T.seed] },
  { q: '再提速', only: [T.invest] },
  { q: '集中签约', only: [T.invest] },
  { q: '连点成线', only: [T.agri, T.seed], first: T.agri },
  { q: '布局新赛道', only: [T.sky] },
  { q: '低空经济服务中心', only: [T.sky, T.seed], first: T.sky },
  { q: '国际陆港物流中心', only: [T.port, T.seed], first: T.port },
  { q: '5分钟托育', only: [T.child, T.seed], first: T.child },
  { q: '到站用餐', only: [T.meal] },
  { q: '自助机办', only: [T.insure, T.seed], first: T.insure },
  { q: '行动不便的居民', only: [T.insure] },
  { q: '线上线下同步', only: [T.jobs] },
  { q: '分场次预约', only: [T.music] },
  { q: '每人一张电子票', only: [T.music] },
  { q: '818哲里木', only: [T.horse, T.seed], first: T.horse },
  { q: '经开事·精心办', find: [T.hotline, T.child, T.meal, T.horse, T.seed], notFind: [T.safety, T.housing], first: T.hotline },
  { q: '2345便民热线', only: [T.hotline, T.safety, T.seed], first: T.hotline },
  { q: '隐患排查整治', only: [T.safety, T.seed], first: T.safety },
  { q: '一图读懂', only: [T.housing] },
  { q: '政策体系配套举措', only: [T.housing] },
];

/** Words from the text alone. */
const TEXT_WORDS: Case[] = [
  { q: '无人机植保', only: [T.sky] },
  { q: '鲜食玉米', only: [T.agri, T.seed] },
  { q: '接通率', only: [T.hotline] },
  { q: '射箭', only: [T.horse] },
  { q: '危险化学品', only: [T.safety] },
  { q: '二维码核验', only: [T.music] },
  { q: '根治欠薪', only: [T.jobs, T.seed] },
  { q: '科尔沁草原', only: [T.horse, T.seed] },
];

/** Pinyin of words, and initials of words of three characters or more. */
const PINYIN: Case[] = [
  { q: 'tuoyu', only: [T.child, T.seed], first: T.child },
  { q: 'tuoyuquan', only: [T.child, T.seed], first: T.child },
  { q: 'TuoYu', only: [T.child, T.seed] },
  { q: 'saimajie', only: [T.horse, T.seed], first: T.horse },
  { q: 'zhibodaigang', only: [T.jobs, T.seed], first: T.jobs },
  { q: 'yibao', only: [T.insure, T.seed], first: T.insure },
  { q: 'lnzc', only: [T.meal, T.seed], first: T.meal },
  { q: 'ylfwz', only: [T.meal, T.seed], first: T.meal },
  { q: 'tuoyu 小程序', only: [T.child] },
];

/** Queries in no article: unrelated words, characters of two articles run together, pinyin of absent words. */
const NOTHING: Case[] = [
  '火星移民计划',
  '量子计算机',
  '马拉松',
  '区块链',
  '托育赛马',
  '赛马节托育',
  'huoxing',
  'iphone',
  '123456',
  'ty',
  '的',
].map((q) => ({ q, only: [] }));

/** The query set before bigrams, kept as it was. */
const EARLIER: Case[] = [
  { q: '赛马节', find: [T.seed, T.horse], notFind: [T.child] },
  { q: '托育', find: [T.seed, T.child], notFind: [T.horse] },
  { q: '老年助餐', find: [T.seed, T.meal], notFind: [T.safety] },
  { q: '低空经济', find: [T.seed, T.sky], notFind: [T.music] },
  { q: '医保 上门办', find: [T.insure, T.seed], notFind: [T.jobs] },
  { q: '直播带岗', find: [T.jobs, T.seed], notFind: [T.housing] },
  { q: '12345', find: [T.hotline, T.safety, T.seed], notFind: [] },
  { q: '中欧班列', find: [T.port, T.seed], notFind: [T.agri] },
];

const QUERY_SET = [...TITLE_PIECES, ...TEXT_WORDS, ...PINYIN, ...NOTHING, ...EARLIER];

describe('news search finds what is typed', () => {
  it('holds at least 40 queries', () => {
    expect(QUERY_SET.length).toBeGreaterThanOrEqual(40);
  });

  it.each(QUERY_SET)('“$q” finds what it must and nothing it must not', async ({ q, only, find, notFind, first }) => {
    const found = await titles(q);
    if (only) expect([...found].sort()).toEqual([...only].sort());
    if (find) expect(found).toEqual(expect.arrayContaining(find));
    for (const t of notFind ?? []) expect(found).not.toContain(t);
    if (first) expect(found[0]).toBe(first);
  });

  it('finds every article by every piece of its title, two to ten characters, typed as it stands', () => {
    const missed: string[] = [];
    let tried = 0;
    for (const a of fixtures()) {
      const terms = new Set(indexArticle(a).terms);
      for (let i = 0; i < a.title.length; i++) {
        for (let j = i + 2; j <= Math.min(a.title.length, i + 10); j++) {
          const q = parseQuery(a.title.slice(i, j));
          // A piece of punctuation and a lone particle (“了：”) leaves nothing to look for.
          if (!q.terms.length) continue;
          tried++;
          if (!q.terms.every((t) => terms.has(t))) missed.push(a.title.slice(i, j));
        }
      }
    }
    expect(tried).toBeGreaterThan(2000);
    expect(missed).toEqual([]);
  });

  it('finds every article by pieces of its text, wherever they are cut', () => {
    const missed: string[] = [];
    let tried = 0;
    for (const a of fixtures()) {
      const terms = new Set(indexArticle(a).terms);
      for (let i = 0; i < a.text.length - 8; i += 7) {
        for (const len of [2, 3, 5, 8]) {
          const q = parseQuery(a.text.slice(i, i + len));
          if (!q.terms.length) continue;
          tried++;
          if (!q.terms.every((t) => terms.has(t))) missed.push(a.text.slice(i, i + len));
        }
      }
    }
    expect(tried).toBeGreaterThan(1500);
    expect(missed).toEqual([]);
  });

  it('ranks whole-word title hits first, then title bigrams, then the text, newer first within each', () => {
    const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
    const docs = [
      { title: '开发区新闻', digest: '', shown: [], publishedAt: at('2026-12-01'), name: 'text, newest' },
      {
        title: '服务托育',
        digest: '',
        shown: indexArticle({ title: '服务托育', digest: '', text: '' }).shown,
        publishedAt: at('2026-06-01'),
        name: 'title bigrams',
      },
      {
        title: '托育服务指导',
        digest: '',
        shown: indexArticle({ title: '托育服务指导', digest: '', text: '' }).shown,
        publishedAt: at('2026-01-01'),
        name: 'whole words, oldest',
      },
      { title: '开发区动态', digest: '', shown: [], publishedAt: at('2025-01-01'), name: 'text, oldest' },
    ];
    expect(rank(parseQuery('托育服务'), docs).map((d) => d.name)).toEqual([
      'whole words, oldest',
      'title bigrams',
      'text, newest',
      'text, oldest',
    ]);
  });

  it('ranks title hits before newer articles that only mention the words', async () => {
    expect((await titles('赛马节'))[0]).toBe(T.horse);
    expect((await titles('助餐'))[0]).toBe(T.meal);
    expect((await titles('小程序预约'))[0]).toBe(T.child);
  });

  it('needs every piece of the query: 托育 with 赛马节 finds only the article holding both', async () => {
    expect(await titles('托育 赛马节')).toEqual([T.seed]);
  });

  it('a single character finds the articles holding it, title hits first', async () => {
    const found = await titles('楼');
    expect(found[0]).toBe(T.housing);
    expect([...found].sort()).toEqual([T.housing, T.seed].sort());
  });

  it('returns what to highlight: the query as typed, its pieces, the words a pinyin query stands for', async () => {
    const item = async (q: string, title: string) => {
      const res = await request(app).get('/api/news').query({ q, pageSize: 50 });
      return res.body.items.find((i: { title: string }) => i.title === title)?.matches;
    };
    expect(await item('铆足干劲', T.seed)).toEqual(['铆足干劲']);
    expect(await item('开发区的托育服务', T.child)).toEqual(['托育服务']);
    expect(await item('托育服务指导中心', T.child)).toEqual(['托育服务指导中心']);
    expect(await item('tuoyuquan', T.child)).toEqual(['tuoyuquan', '托育圈']);
    expect(await item('lnzc', T.meal)).toEqual(['lnzc', '老年助餐']);
    expect(await item('2345便民热线', T.hotline)).toEqual(['便民热线', '2345']);
  });

  it('respects the category', async () => {
    expect(await titles('托育', { category: 'notice' })).toEqual([]);
    expect(await titles('托育', { category: 'livelihood' })).toEqual([T.child]);
  });

  it('treats regular-expression characters and operators as plain text: no error, no match-all', async () => {
    for (const q of ['.*', '(a|b)+$', '{"$ne":null}', '[^]', '\\', '$where', '%', "' OR 1=1 --"]) {
      const res = await request(app).get('/api/news').query({ q });
      expect(res.status).toBe(200);
      expect(res.body.total).toBeLessThan(14);
    }
    expect(await titles('.*')).toEqual([]);
  });

  it('reads a query into bigrams without its particles, keeping Latin words and numbers whole', () => {
    expect(parseQuery('818哲里木赛马节').terms).toEqual(['818', '哲里', '里木', '木赛', '赛马', '马节']);
    expect(parseQuery('开发区的托育').terms).toEqual(['开发', '发区', '托育']);
    expect(parseQuery('的了').terms).toEqual(['的了']);
    expect(parseQuery('a 的').terms).toEqual([]);
    const { terms } = indexArticle({ title: '打造“15分钟托育圈”', digest: '', text: '' });
    expect(terms).toEqual(expect.arrayContaining(['托', '托育', '育圈', '15', '5', 'tuoyu', 'tuoyuquan', 'tyq']));
    expect(terms).not.toContain('ty');
  });
});

describe('articles indexed by an earlier release', () => {
  /** Makes an article look as an earlier release stored it: words only, no pinyin, no version. */
  async function makeOld(title: string) {
    await NewsModel.collection.updateOne({ title }, { $set: { terms: ['四率'] }, $unset: { shown: '', searchVersion: '' } });
  }
  const found = async (q: string) => (await searchVisible(parseQuery(q).terms)).map((d) => d.title);

  it('are indexed again at start (reindexNews), once', async () => {
    await makeOld(T.hotline);
    expect(await found('12345便民热线')).not.toContain(T.hotline);
    expect(await reindexNews()).toBe(1);
    expect(await found('12345便民热线')).toContain(T.hotline);
    expect(await titles('bianminrexian')).toEqual(expect.arrayContaining([T.hotline]));
    const doc = await NewsModel.findOne({ title: T.hotline }).lean();
    expect(doc?.searchVersion).toBe(SEARCH_INDEX_VERSION);
    expect(doc?.shown.some((s) => s.w === '四率' || s.w === '热线')).toBe(true);
    expect(await reindexNews()).toBe(0);
  });

  it('are indexed again by the next sync, even when the article itself is unchanged there', async () => {
    await makeOld(T.safety);
    expect(await found('隐患排查整治')).not.toContain(T.safety);
    expect(await sync()).toMatchObject({ failed: false, created: 0, updated: 0, unchanged: 14 });
    expect(await found('隐患排查整治')).toContain(T.safety);
  });
});
