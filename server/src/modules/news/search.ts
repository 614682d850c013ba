import type { pinyin as Pinyin } from 'pinyin-pro';
import { lazyModule } from '../../lib/lazy-module';

/**
 * What news search indexes and how a query is read. An article's `terms` hold, for its title,
 * digest and text:
 * - every Chinese character and every pair of neighbouring characters (Lucene's CJK bigrams, plus
 *   unigrams so that a one-character query works too);
 * - every part of each Latin word or number of up to 16 characters (longer ones whole);
 * - the toneless pinyin of every word (the zone's words, then ICU's) of two or more characters (`tuoyu`, `tuoyuquan`), and
 *   the initials of words of three or more (`tyq`, `lnzc`); two-letter initials (`ty`: 托育, 体育,
 *   统一…) would match almost anything, so they are not indexed.
 * A query's Chinese is cut into words only to drop its particles (的, 和…); what is left is turned into
 * the same bigrams (a lone character into its unigram), and its Latin words and numbers are kept
 * whole. An article matches when it holds all of them (one `$all`), so any piece of a title or text
 * typed as it stands finds the article, however it is cut.
 */

/** Bumped when what is indexed changes: articles stored under an older version are indexed again. */
export const SEARCH_INDEX_VERSION = 3;

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
  '四率',
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

/** Runs of Chinese characters, and runs of other letters and digits (Latin, Mongolian…). */
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+)/gu;
const HAN_WORD = /^\p{Script=Han}+$/u;
const LONE_LETTER = /^\p{L}$/u;
/** Latin words and numbers up to this length are indexed by every part of them. */
const PART_MAX = 16;
/** At most this many terms of a query go to the database; fewer only widens what is found. */
const QUERY_TERMS_MAX = 24;

const ZONE = new Set(ZONE_WORDS);
const ZONE_LONGEST = Math.max(...ZONE_WORDS.map((w) => w.length));
/** ICU's dictionary segmenter for Chinese, built into Node: no native module, a few MiB of memory. */
const icu = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Chinese text as words: the zone's own words first, longest first, wherever they stand; what lies
 * between them as ICU cuts it. Punctuation and spaces come back as pieces too (callers drop them).
 */
function cut(text: string): string[] {
  const out: string[] = [];
  let between = '';
  const flush = () => {
    for (const s of icu.segment(between)) out.push(s.segment);
    between = '';
  };
  for (let i = 0; i < text.length;) {
    let hit = '';
    for (let n = Math.min(ZONE_LONGEST, text.length - i); n >= 2 && !hit; n--)
      if (ZONE.has(text.slice(i, i + n))) hit = text.slice(i, i + n);
    if (!hit) {
      between += text[i]!;
      i++;
      continue;
    }
    flush();
    out.push(hit);
    i += hit.length;
  }
  flush();
  return out;
}

/**
 * The words of `cut`, and inside each zone word of three characters or more the zone words and ICU's
 * words it holds (托育圈 also gives 托育, 便民热线 热线), for the index.
 */
function cutForSearch(text: string): string[] {
  const words = cut(text);
  const inner = words.flatMap((w) =>
    ZONE.has(w) && w.length >= 3
      ? [
          ...ZONE_WORDS.filter((z) => z !== w && w.includes(z)),
          ...[...icu.segment(w)].map((x) => x.segment).filter((x) => x.length >= 2 && x !== w),
        ]
      : [],
  );
  return [...words, ...inner];
}

export const normalise = (s: string) => s.normalize('NFKC').toLowerCase();

function runs(text: string): { han: boolean; text: string }[] {
  return [...text.matchAll(RUNS)].map((m) => ({ han: m[1] !== undefined, text: m[0] }));
}

/** Every character and every pair of neighbours. */
function grams(run: string, into: Set<string>): void {
  for (let i = 0; i < run.length; i++) {
    into.add(run[i]!);
    if (i + 1 < run.length) into.add(run.slice(i, i + 2));
  }
}

/** Every part of a word or number, but lone letters; a long run whole. */
function parts(run: string, into: Set<string>): void {
  if (run.length > PART_MAX) return void into.add(run);
  for (let i = 0; i < run.length; i++) {
    for (let j = i + 1; j <= run.length; j++) {
      const p = run.slice(i, j);
      if (!LONE_LETTER.test(p)) into.add(p);
    }
  }
}

/**
 * pinyin-pro (its dictionary, about 5 MiB of the API's memory) is needed only to index an article,
 * never to read a query: loaded then, released after the start's and each sync's work.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const pinyinModule = lazyModule(() => require('pinyin-pro') as { pinyin: typeof Pinyin });

const fullPinyin = (w: string) =>
  pinyinModule.get().pinyin(w, { toneType: 'none', separator: '', v: true, nonZh: 'removed' }).replace(/\s/g, '');
const initials = (w: string) =>
  pinyinModule.get().pinyin(w, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'removed' }).replace(/\s/g, '');

/** A word of the title or digest, with what it is typed as in pinyin: lets a pinyin query be ranked and highlighted. */
export interface ShownWord {
  w: string;
  /** Toneless pinyin, for words of two characters or more; else ''. */
  py: string;
  /** Initials, for words of three characters or more; else ''. */
  ini: string;
  /** In the title (else only in the digest). */
  title: boolean;
}

const hanWords = (text: string) => [...new Set(cutForSearch(text))].filter((w) => HAN_WORD.test(w));

/** What an article is found by (`terms`) and the words of its title and digest (`shown`). */
export function indexArticle(a: { title: string; digest: string; text: string }): { terms: string[]; shown: ShownWord[] } {
  const title = normalise(a.title);
  const digest = normalise(a.digest);
  const all = `${title}\n${digest}\n${normalise(a.text)}`;
  const terms = new Set<string>();
  for (const r of runs(all)) (r.han ? grams : parts)(r.text, terms);
  for (const w of hanWords(all)) {
    if (w.length < 2) continue;
    terms.add(fullPinyin(w));
    if (w.length >= 3) terms.add(initials(w));
  }
  const titleWords = new Set(hanWords(title));
  const shown = [...new Set([...titleWords, ...hanWords(digest)])].map((w) => ({
    w,
    py: w.length >= 2 ? fullPinyin(w) : '',
    ini: w.length >= 3 ? initials(w) : '',
    title: titleWords.has(w),
  }));
  terms.delete('');
  return { terms: [...terms], shown };
}

/** A query as search reads it. */
export interface Query {
  /** What an article must hold, all of it (`$all` on `terms`). */
  terms: string[];
  /** The words of the query without particles, and its Latin words and numbers: whole-word title hits rank first. */
  words: string[];
  /** The query's Chinese as typed, between punctuation: highlighted where the title or digest holds it whole. */
  runs: string[];
  /** Those runs' pieces between particles: highlighted where a run is not there whole. */
  pieces: string[];
  /** Its Latin words and numbers: typed as they stand, or pinyin. */
  latin: string[];
}

/**
 * Reads a query. Regular-expression characters and operators are plain characters here: being
 * neither letters nor digits, they only separate pieces. A lone particle (的) or letter finds nothing.
 */
export function parseQuery(q: string): Query {
  const terms = new Set<string>();
  const words = new Set<string>();
  const hanRuns = new Set<string>();
  const pieces = new Set<string>();
  const latin = new Set<string>();
  for (const r of runs(normalise(q))) {
    if (!r.han) {
      if (LONE_LETTER.test(r.text)) continue;
      terms.add(r.text);
      words.add(r.text);
      latin.add(r.text);
      continue;
    }
    hanRuns.add(r.text);
    const cutWords = cut(r.text);
    const kept: string[] = [];
    let piece = '';
    for (const w of cutWords) {
      if (STOP.has(w)) {
        if (piece) kept.push(piece);
        piece = '';
      } else {
        piece += w;
        words.add(w);
      }
    }
    if (piece) kept.push(piece);
    // Particles alone (的了) are still a piece of text when typed as two or more characters.
    if (!kept.length && r.text.length >= 2) kept.push(r.text);
    for (const p of kept) {
      pieces.add(p);
      if (p.length === 1) terms.add(p);
      for (let i = 0; i + 1 < p.length; i++) terms.add(p.slice(i, i + 2));
    }
  }
  return { terms: [...terms].slice(0, QUERY_TERMS_MAX), words: [...words], runs: [...hanRuns], pieces: [...pieces], latin: [...latin] };
}
