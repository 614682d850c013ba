/** Text made safe inside HTML text and double-quoted attributes. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A `^prefix` regular expression that matches the prefix literally (for prefix queries on keys). */
export const prefixPattern = (prefix: string) => `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
