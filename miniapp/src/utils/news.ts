import type { NewsListItem, Paged } from '@jingkai/shared';

/** A piece of text, marked when it is one of the searched words. */
export interface Piece {
  text: string;
  hit: boolean;
}

/** Splits text at the searched words so the list can highlight them (longest words first). */
export function highlight(text: string, words: string[] = []): Piece[] {
  const ws = [...new Set(words.filter((w) => w.trim()))].sort((a, b) => b.length - a.length);
  if (!ws.length || !text) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const pieces: Piece[] = [];
  let i = 0;
  let plain = '';
  while (i < text.length) {
    const w = ws.find((x) => lower.startsWith(x.toLowerCase(), i));
    if (w) {
      if (plain) pieces.push({ text: plain, hit: false });
      plain = '';
      pieces.push({ text: text.slice(i, i + w.length), hit: true });
      i += w.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) pieces.push({ text: plain, hit: false });
  return pieces;
}

/** Recent searches, newest first, each once, at most `max`. */
export function pushRecent(list: string[], q: string, max = 8): string[] {
  const t = q.trim();
  if (!t) return list;
  return [t, ...list.filter((x) => x !== t)].slice(0, max);
}

/** Appends a loaded page to what is shown, dropping any article already there (lists shift when news arrives). */
export function mergePage(shown: NewsListItem[], page: Paged<NewsListItem>): NewsListItem[] {
  const seen = new Set(shown.map((i) => i.id));
  return [...shown, ...page.items.filter((i) => !seen.has(i.id))];
}

/** `2026-11-27T09:05:00.000Z` (a device time) → `11月27日 17:05`, in Asia/Shanghai. */
export function savedAtLabel(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}
