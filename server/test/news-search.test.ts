import request from 'supertest';
import pino from 'pino';
import { createDeps } from '../src/deps';
import { syncNews } from '../src/modules/news/sync';
import { indexTerms, queryTerms } from '../src/modules/news/search';
import { testApp, testConfig, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
const app = testApp().callback();

beforeAll(async () => {
  const r = await syncNews(createDeps(testConfig({ WECHAT_API_BASE: standin.current.url }), pino({ level: 'silent' })));
  expect(r).toMatchObject({ failed: false, created: 14 });
});

const SEED = '开发区:铆足干劲开新局 全力以赴拼经济 建言献策';

async function titles(q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await request(app)
    .get('/api/news')
    .query({ q, pageSize: 50, ...extra });
  expect(res.status).toBe(200);
  return res.body.items.map((i: { title: string }) => i.title);
}

/** Each query, the articles it must find, and articles it must not. */
const QUERY_SET: { q: string; find: string[]; notFind: string[] }[] = [
  {
    q: '赛马节',
    find: [SEED, '818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来'],
    notFind: ['“15分钟托育圈”来了：智慧托育服务可在小程序预约'],
  },
  {
    q: '托育',
    find: [SEED, '“15分钟托育圈”来了：智慧托育服务可在小程序预约'],
    notFind: ['818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来'],
  },
  { q: '老年助餐', find: [SEED, '9个养老服务站开展老年助餐 长辈可到站用餐或送餐上门'], notFind: ['关于开展安全生产隐患排查整治的通知'] },
  {
    q: '低空经济',
    find: [SEED, '布局新赛道：开发区谋划打造通辽低空经济服务中心'],
    notFind: ['草原音乐节报名开启：分场次预约 每人一张电子票'],
  },
  {
    q: '医保 上门办',
    find: ['医保服务“上门办、预约办、自助机办” 行动不便的居民可申请上门', SEED],
    notFind: ['招聘会暨直播带岗活动举办 线上线下同步送岗位'],
  },
  { q: '直播带岗', find: ['招聘会暨直播带岗活动举办 线上线下同步送岗位', SEED], notFind: ['一图读懂：房地产领域“1+6”政策体系配套举措'] },
  { q: '12345', find: ['擦亮“经开事·精心办”品牌 12345便民热线“四率”持续提升', '关于开展安全生产隐患排查整治的通知', SEED], notFind: [] },
  {
    q: '中欧班列',
    find: ['谋划建设通辽国际陆港物流中心 发展进出口贸易和跨境电商', SEED],
    notFind: ['现代农业科技园项目加快建设 设施农业连点成线'],
  },
];

describe('search in Chinese (jieba)', () => {
  it.each(QUERY_SET)('“$q” finds what it must and nothing it must not', async ({ q, find, notFind }) => {
    const found = await titles(q);
    expect(found).toEqual(expect.arrayContaining(find));
    for (const t of notFind) expect(found).not.toContain(t);
  });

  it('finds nothing for a phrase in no article', async () => {
    expect(await titles('火星移民计划')).toEqual([]);
    expect(await titles('量子计算机')).toEqual([]);
  });

  it('ranks title hits before newer articles that only mention the words', async () => {
    const found = await titles('赛马节');
    expect(found[0]).toBe('818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来');
    const meal = await titles('助餐');
    expect(meal[0]).toBe('9个养老服务站开展老年助餐 长辈可到站用餐或送餐上门');
  });

  it('needs every word of the query: 托育 with 赛马节 finds only the article holding both', async () => {
    expect(await titles('托育 赛马节')).toEqual([SEED]);
  });

  it('returns the query words for highlighting, and respects the category', async () => {
    const res = await request(app).get('/api/news').query({ q: '开发区的托育服务' });
    expect(res.body.items[0].matches).toEqual(['开发区', '托育', '服务']);
    expect(await titles('托育', { category: 'notice' })).toEqual([]);
    expect(await titles('托育', { category: 'livelihood' })).toEqual(['“15分钟托育圈”来了：智慧托育服务可在小程序预约']);
  });

  it('treats regular-expression characters and operators as plain text: no error, no match-all', async () => {
    for (const q of ['.*', '(a|b)+$', '{"$ne":null}', '[^]', '\\', '$where', '%', "' OR 1=1 --"]) {
      const res = await request(app).get('/api/news').query({ q });
      expect(res.status).toBe(200);
      expect(res.body.total).toBeLessThan(14);
    }
    expect(await titles('.*')).toEqual([]);
  });

  it('segments with the zone vocabulary kept whole', () => {
    expect(queryTerms('818哲里木赛马节')).toEqual(['818', '哲里木', '赛马节']);
    expect(indexTerms('打造“15分钟托育圈”')).toEqual(expect.arrayContaining(['托育', '托育圈']));
  });
});
