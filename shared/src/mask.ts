/**
 * Masks for personal data, the same on the server (every answer and export) and in the mini-program.
 */

/** `150502199001011234` → `150502********1234` */
export function maskIdNumber(v: string): string {
  return v.length < 10 ? '*'.repeat(v.length) : `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** `13900000001` → `139****0001` */
export function maskPhone(v: string): string {
  return v.length < 7 ? '*'.repeat(v.length) : `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** `王小明` → `王*明`, `王明` → `王*` */
export function maskName(v: string): string {
  const chars = Array.from(v);
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Keeps the district and road, hides the house: `通辽市开发区辽河大街 12 号 3 单元` → `通辽市开发区辽河大街****` */
export function maskAddress(v: string): string {
  const keep = Math.min(10, Math.max(4, Math.floor(Array.from(v).length / 2)));
  return `${Array.from(v).slice(0, keep).join('')}****`;
}

/**
 * A WeChat openid as admins see it when choosing whom to grant a role: enough to tell people apart,
 * not the identifier itself. `oUpF8uMuAJO_M2pxb1Q9zNjWeS6o` → `oUpF****eS6o`
 */
export function maskOpenid(v: string): string {
  return v.length <= 8 ? `${v.slice(0, 2)}****` : `${v.slice(0, 4)}****${v.slice(-4)}`;
}

/** Field names that hold a child's name, masked for anyone but the child's own guardian. */
export const CHILD_NAME_FIELDS = new Set(['childName']);

/**
 * Masks a filled form by field type: ID numbers always; phones and addresses unless `reveal.contact`
 * (the staff team that visits needs them); a child's name unless `reveal.childName` (the guardian
 * who booked, reading their own booking).
 */
export function maskForm(
  fields: { name: string; type: string }[],
  form: Record<string, unknown>,
  reveal: { contact?: boolean; childName?: boolean } = {},
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = form[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'number') {
      out[f.name] = v;
      continue;
    }
    const s = String(v);
    if (f.type === 'idNumber') out[f.name] = maskIdNumber(s);
    else if (f.type === 'phone') out[f.name] = reveal.contact ? s : maskPhone(s);
    else if (f.name === 'address') out[f.name] = reveal.contact ? s : maskAddress(s);
    else if (CHILD_NAME_FIELDS.has(f.name)) out[f.name] = reveal.childName ? s : maskName(s);
    else out[f.name] = s;
  }
  return out;
}

/**
 * A run of digits as people type a number into text: an optional +, digits (half or full width, an
 * ID number's last X) with at most one separator (space, -, ., ·) between any two; never inside a
 * longer number.
 */
const NUMBER_RUN = /(^|[^0-9０-９])([+＋]?[0-9０-９](?:[ \-－.．·]?[0-9０-９Xx])+)(?=[^0-9０-９]|$)/g;
const digitsOf = (s: string) =>
  s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();
/** A mainland mobile number, with China's country code (86, 0086) or without. */
const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;
/** An ID number: 18 characters (the last may be X), or the old 15 digits. */
const ID_NUMBER = /^(?:\d{17}[\dX]|\d{15})$/;

/**
 * Masks the ID numbers and mobile numbers a citizen typed into free text (`我的电话13900000001` →
 * `我的电话139****0001`), for lists and exports; the handling staff read the text in full on the
 * request's own page. No lookbehind: older WeChat JS engines refuse it.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(NUMBER_RUN, (run: string, before: string, n: string) => {
    const digits = digitsOf(n);
    const mobile = MOBILE.exec(digits);
    if (mobile) return `${before}${maskPhone(mobile[1]!)}`;
    if (ID_NUMBER.test(digits)) return `${before}${maskIdNumber(digits)}`;
    return run;
  });
}
