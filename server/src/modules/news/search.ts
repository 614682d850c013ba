import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese word segmentation for news search, with jieba (@node-rs/jieba, a prebuilt binary).
 * Articles are cut in search mode (words and the shorter words inside them), queries in precise
 * mode; an article matches when it holds every word of the query.
 */

/** The zone's own words, so they are kept whole: services, places, festivals, programmes. */
const ZONE_WORDS = [
  '托育',
  '托育圈',
  '临时托',
  '入托',
  '助餐',
  '老年助餐',
  '上门办',
  '预约办',
  '自助机办',
  '医保',
  '养老服务站',
  '赛马节',
  '哲里木',
  '搏克',
  '音乐节',
  '草原音乐节',
  '西辽河',
  '文化节',
  '招聘会',
  '直播带岗',
  '低空经济',
  '陆港',
  '国际陆港',
  '中欧班列',
  '保税物流中心',
  '营商环境',
  '便民热线',
  '安全生产',
  '隐患排查',
  '保交楼',
  '增量配电网',
  '蒸汽直供',
  '科技园',
  '新质生产力',
  '经开事',
  '精心办',
  '科尔沁',
  '通辽',
  '开发区',
];

const STOP = new Set(
  '的 了 和 与 及 或 是 在 等 将 把 被 对 为 以 于 也 都 就 而 之 其 这 那 有 个 一 不 我 你 他 她 它 们 吗 呢 吧 啊 着 过 从 向 到 让 给'.split(
    ' ',
  ),
);
// Punctuation, symbols and spaces are never words; neither is a lone ASCII letter.
const NOT_A_WORD = /^(?:[\p{P}\p{S}\p{Z}\s]+|[a-z])$/u;

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(ZONE_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

const normalise = (s: string) => s.normalize('NFKC').toLowerCase();
const keep = (w: string) => {
  const t = w.trim();
  return t !== '' && !STOP.has(t) && !NOT_A_WORD.test(t);
};

/** Every word of a text worth finding it by, each once. */
export function indexTerms(text: string): string[] {
  return [
    ...new Set(
      segmenter()
        .cutForSearch(normalise(text), true)
        .map((w) => w.trim())
        .filter(keep),
    ),
  ];
}

/**
 * The words of a query. Regular-expression characters and operators are plain characters here:
 * they are cut like any text and, being punctuation, dropped.
 */
export function queryTerms(q: string): string[] {
  return [
    ...new Set(
      segmenter()
        .cut(normalise(q), false)
        .map((w) => w.trim())
        .filter(keep),
    ),
  ].slice(0, 12);
}

/** How many query words appear in the text; used to rank title hits first. */
export function hits(terms: string[], text: string): number {
  const t = normalise(text);
  return terms.filter((w) => t.includes(w)).length;
}
