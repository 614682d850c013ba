import fs from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../lib/escape';
import { REPO_ROOT } from '../config';

/** The official account's 2025 article the product grew from, as saved text (found from src and dist alike). */
export const SEED_ARTICLE_FILE = path.join(REPO_ROOT, 'server/src/seed/content/000_fed6c43d15f94cdd.txt');
export const readSeedArticleText = () => fs.readFileSync(SEED_ARTICLE_FILE, 'utf8');

/**
 * Turns an official-account article saved as plain text (account name, title, time, paragraphs,
 * section headings, source) into the HTML the official account would publish.
 */
export interface ParsedArticle {
  account: string;
  title: string;
  publishedAt: Date;
  source: string;
  digest: string;
  contentHtml: string;
}

/** A section heading in these articles is a short line with no sentence end. */
const isHeading = (line: string) => line.length <= 40 && !/[。！？；]$/.test(line);

export function parseArticleText(text: string): ParsedArticle {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const [account, title, time, ...rest] = lines;
  if (!account || !title || !time || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time)) {
    throw new Error('article text must start with the account, the title and "YYYY-MM-DD HH:mm:ss"');
  }
  const source = rest.at(-1) && isHeading(rest.at(-1)!) && /公众号$/.test(rest.at(-1)!) ? rest.pop()! : account;
  const parts = rest.map((line) =>
    isHeading(line)
      ? `<h2 style="font-size:17px;font-weight:bold;color:#1a5fb4;margin:24px 0 12px;">${escapeHtml(line)}</h2>`
      : `<p style="font-size:16px;line-height:1.8;text-indent:2em;margin:0 0 12px;">${escapeHtml(line)}</p>`,
  );
  const firstParagraph = rest.find((l) => !isHeading(l)) ?? '';
  return {
    account,
    title,
    publishedAt: new Date(`${time.replace(' ', 'T')}+08:00`),
    source,
    digest: firstParagraph.length > 60 ? `${firstParagraph.slice(0, 60)}…` : firstParagraph,
    contentHtml: `<section>${parts.join('')}</section>`,
  };
}
