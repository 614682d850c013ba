import { normalise, type Query, type ShownWord } from './search';

/** What ranking and highlighting read of a found article. */
export interface Found {
  title: string;
  digest?: string | null;
  shown?: ShownWord[] | null;
  publishedAt: Date;
}

const LATIN = /(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+/gu;

/** The title's words, and what its words are typed as in pinyin. */
function titleWords(d: Found): { words: Set<string>; pinyin: Set<string> } {
  const shown = (d.shown ?? []).filter((s) => s.title);
  return {
    words: new Set([...shown.map((s) => s.w), ...(normalise(d.title).match(LATIN) ?? [])]),
    pinyin: new Set(shown.flatMap((s) => [s.py, s.ini]).filter(Boolean)),
  };
}

/** How well an article answers: query words that are whole words of the title, then query terms the title holds. */
function score(q: Query, d: Found): [number, number] {
  const title = normalise(d.title);
  const t = titleWords(d);
  const latin = new Set(q.latin);
  const whole = q.words.filter((w) => t.words.has(w) || (latin.has(w) && t.pinyin.has(w))).length;
  const held = q.terms.filter((x) => title.includes(x) || (latin.has(x) && t.pinyin.has(x))).length;
  return [whole, held];
}

/** Whole-word title matches first, then title bigrams (and words), then text alone; newer first within each. */
export function rank<T extends Found>(q: Query, docs: T[]): T[] {
  return docs
    .map((d) => ({ d, s: score(q, d) }))
    .sort((a, b) => b.s[0] - a.s[0] || b.s[1] - a.s[1] || b.d.publishedAt.getTime() - a.d.publishedAt.getTime())
    .map((r) => r.d);
}

/**
 * What to highlight in an article's title and digest: the query's Chinese as typed where it is
 * there whole; else its pieces between particles, or where a piece is not there whole either (its
 * bigrams matched apart), the longest parts of it that are; its Latin words and numbers; and the
 * words a pinyin query stands for (`tuoyu` → 托育).
 */
export function matches(q: Query, d: Found): string[] {
  const text = normalise(`${d.title}\n${d.digest ?? ''}`);
  const out = new Set<string>();
  const whole = q.runs.filter((r) => text.includes(r));
  for (const r of whole) out.add(r);
  for (const p of q.pieces) {
    if (whole.some((r) => r.includes(p))) continue;
    if (text.includes(p) || p.length < 2) {
      out.add(p);
      continue;
    }
    for (let i = 0; i < p.length - 1;) {
      let j = p.length;
      while (j > i + 1 && !text.includes(p.slice(i, j))) j--;
      if (j > i + 1) out.add(p.slice(i, j));
      i = j > i + 1 ? j : i + 1;
    }
  }
  for (const t of q.latin) {
    out.add(t);
    for (const s of d.shown ?? []) if (s.py === t || s.ini === t) out.add(s.w);
  }
  return [...out];
}
