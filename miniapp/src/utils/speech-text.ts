/** What 朗读 reads: plain text from an article's pieces, cut into pieces a speech engine takes. */

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text of sanitised article HTML: block ends become pauses, tags go, common entities are decoded. */
export function htmlToSpeech(html: string): string {
  return html
    .replace(/<(br|\/p|\/h\d|\/li|\/section|\/div)[^>]*>/gi, '。')
    .replace(/<[^>]*>/g, '')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .replace(/([。！？；])\s*。+/g, '$1')
    .replace(/^[\s。]+|[\s。]+$/g, '')
    .replace(/\s*。\s*/g, '。');
}

/**
 * Text cut at sentence ends into pieces of at most `max` characters (WeChat's plugin takes about
 * 300 at a time; browsers stop long utterances early), a sentence longer than that cut where it must.
 */
export function speechChunks(text: string, max = 200): string[] {
  const sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;\n]*/g) ?? [];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences.map((x) => x.trim()).filter(Boolean)) {
    if (cur && cur.length + s.length > max) {
      out.push(cur);
      cur = '';
    }
    cur += s;
    while (cur.length > max) {
      out.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** A booking code read letter by letter (`K7M2QX` → `K 7 M 2 Q X`), so it is heard, not guessed at as a word. */
export const spellOut = (code: string): string => Array.from(code).join(' ');
