import type SanitizeHtml from 'sanitize-html';
import { parseDocument } from 'htmlparser2';
import { Element, Text, type ChildNode } from 'domhandler';
import render from 'dom-serializer';
import type { NewsBlock } from '@jingkai/shared';
import { lazyModule } from '../../lib/lazy-module';

/**
 * sanitize-html and the postcss it parses styles with (about 6 MiB of the API's memory) are needed
 * only when an article is stored, indexed again or a staff title is checked: loaded then, released
 * after the start's and each sync's work (`releaseArticleTools`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const sanitizer = lazyModule(() => require('sanitize-html') as typeof SanitizeHtml);

/**
 * Official-account HTML made safe to show: an allow-list of tags, attributes and CSS properties
 * (no script, no event handlers, no `javascript:` or `data:` URLs, no `url()` in styles), lazy
 * `data-src` images turned into `src`. The layout the editors made with inline styles stays.
 */
const SAFE_CSS_VALUE = /^(?!.*(?:url|expression|javascript|image-set|var)\s*[(:])[-#\w\s.,%()/'"!+]*$/i;
const CSS_PROPERTIES = [
  'color',
  'background-color',
  'font-size',
  'font-weight',
  'font-style',
  'font-family',
  'text-align',
  'text-indent',
  'text-decoration',
  'line-height',
  'letter-spacing',
  'white-space',
  'vertical-align',
  'margin',
  'margin-top',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'padding',
  'padding-top',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'border',
  'border-left',
  'border-right',
  'border-top',
  'border-bottom',
  'border-radius',
  'border-color',
  'border-style',
  'border-width',
  'width',
  'max-width',
  'height',
  'box-sizing',
  'display',
];
const allowedStyles = Object.fromEntries(CSS_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]]));

const TAGS = [
  'section',
  'p',
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'img',
  'a',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'pre',
  'code',
];

export interface SanitizeOptions {
  /** Maps an image's source URL to the URL to show (the mirrored copy); undefined drops the image. */
  image?: (src: string) => string | undefined;
}

/** The image URLs an article refers to (`data-src` first, as the official account lazy-loads). */
export function imageUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\bdata-src\s*=\s*"([^"]+)"/i.exec(tag)?.[1] ?? /\bsrc\s*=\s*"([^"]+)"/i.exec(tag)?.[1];
    if (src && /^https?:\/\//i.test(src)) urls.add(src.replace(/&amp;/g, '&'));
  }
  return [...urls];
}

/**
 * Pixel font sizes become `em` of the official account's 16px body text, so the mini-program's
 * 长辈版 (larger body text) scales the article too instead of being pinned by inline pixels.
 */
function relativeFontSizes(html: string): string {
  return html.replace(/font-size:\s*(\d{1,2}(?:\.\d+)?)px/g, (whole, px: string) => {
    const n = Number(px);
    return n >= 10 && n <= 40 ? `font-size:${Math.round((n / 16) * 1000) / 1000}em` : whole;
  });
}

export function sanitizeArticleHtml(html: string, opts: SanitizeOptions = {}): string {
  return relativeFontSizes(sanitizeArticleHtml0(html, opts));
}

function sanitizeArticleHtml0(html: string, opts: SanitizeOptions): string {
  return sanitizer.get()(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      '*': ['style'],
      img: ['src', 'alt', 'data-ratio'],
      a: ['href'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedStyles: { '*': allowedStyles },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'mpvoice', 'mpvideo'],
    transformTags: {
      img: (tagName, attribs) => {
        const raw = attribs['data-src'] ?? attribs.src ?? '';
        const src = /^https?:\/\//i.test(raw) || raw.startsWith('/api/media/') ? (opts.image ? opts.image(raw) : raw) : undefined;
        const next: Record<string, string> = { style: attribs.style ?? '' };
        if (src) next.src = src;
        if (attribs['data-ratio'] && /^\d+(\.\d+)?$/.test(attribs['data-ratio'])) next['data-ratio'] = attribs['data-ratio'];
        if (attribs.alt) next.alt = attribs.alt;
        return { tagName, attribs: next };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

/** The words of an article, for search and reading time. */
export function plainText(html: string): string {
  return sanitizer
    .get()(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A title or digest as plain text: tags dropped and entities decoded until nothing changes, so an
 * encoded tag (`&lt;img onerror=…&gt;`, or encoded twice) never decodes back into markup. A `<`
 * or `>` that is not part of a tag (`1 < 2`) stays.
 */
export function plainLine(text: string): string {
  let line = text;
  for (let i = 0; i < 5; i++) {
    const next = plainText(line);
    if (next === line) return line;
    line = next;
  }
  return line.replace(/[<>]/g, '');
}

/** Chinese reading speed of about 400 characters a minute, at least one minute. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(text.replace(/\s/g, '').length / 400));
}

const IMAGE = Symbol('image');
type Part = ChildNode | { [IMAGE]: true; src: string; ratio: number | null };
const isImage = (p: Part): p is { [IMAGE]: true; src: string; ratio: number | null } => IMAGE in p;

function split(node: ChildNode): Part[] {
  if (node instanceof Element && node.name === 'img') {
    const ratio = Number(node.attribs['data-ratio']);
    return [{ [IMAGE]: true, src: node.attribs.src ?? '', ratio: Number.isFinite(ratio) && ratio > 0 ? ratio : null }];
  }
  if (!(node instanceof Element)) return [node];
  const parts = node.children.flatMap(split);
  if (!parts.some(isImage)) return [node];
  // Close this element before each image and reopen it after, so every piece stays well-formed.
  const out: Part[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    if (run.length) out.push(new Element(node.name, { ...node.attribs }, run));
    run = [];
  };
  for (const p of parts) {
    if (isImage(p)) {
      flush();
      out.push(p);
    } else run.push(p);
  }
  flush();
  return out;
}

const hasContent = (nodes: ChildNode[]): boolean =>
  nodes.some((n) => (n instanceof Text ? n.data.trim() !== '' : n instanceof Element && (n.name === 'hr' || hasContent(n.children))));

/**
 * Splits sanitised HTML into rich-text pieces and the images between them. The mini-program shows
 * each piece with `RichText` and each image with `Image`, so an image can be tapped to preview;
 * rich-text alone swallows taps on its images.
 */
export function toBlocks(html: string): NewsBlock[] {
  const doc = parseDocument(html);
  const blocks: NewsBlock[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    if (hasContent(run)) blocks.push({ type: 'html', html: render(run, { encodeEntities: 'utf8' }) });
    run = [];
  };
  for (const part of doc.children.flatMap(split)) {
    if (isImage(part)) {
      flush();
      if (part.src) blocks.push({ type: 'image', src: part.src, ratio: part.ratio });
    } else run.push(part);
  }
  flush();
  return blocks;
}
