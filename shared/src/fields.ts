import type { z } from 'zod';

/** The value at a zod issue's path in what was parsed (zod 4 leaves the input out of its issues). */
function valueAt(source: unknown, path: readonly PropertyKey[]): unknown {
  let v = source;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** zod's own English message, which a schema with Chinese words has replaced with its own. */
export const isZodDefaultMessage = (message: string): boolean => /^Invalid input/.test(message);

/**
 * Turns zod issues into the contract's `fields`: one message per dotted path, `body.x` → `x`. A
 * missing value gets the schema's own words where it has them ("请填写送餐地址"), else 必填; a value
 * of the wrong type gets the schema's own message.
 */
/**
 * Of a union's branches, the one the input was meant for: the fewest keys it does not know, then the
 * fewest faults. Its issues come back with the union's path in front, so a typed attendee whose name
 * is an object is told about `attendees.0.name`, not about `attendees.0` as a whole.
 */
function likeliestBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | null {
  const unknownKeys = (b: z.core.$ZodIssue[]) => b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
  const best = [...issue.errors].sort((a, b) => unknownKeys(a) - unknownKeys(b) || a.length - b.length)[0];
  return best?.length ? best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })) : null;
}

export function issuesToFields(issues: z.core.$ZodIssue[], prefix = '', source?: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const branch = issue.code === 'invalid_union' ? likeliestBranch(issue) : null;
    if (branch) {
      for (const [k, v] of Object.entries(issuesToFields(branch, prefix, source))) fields[k] ??= v;
      continue;
    }
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const p of keys) {
      const key = [prefix, ...p.map(String)].filter(Boolean).join('.') || prefix || '_';
      fields[key] ??=
        issue.code === 'unrecognized_keys'
          ? '不支持这个字段'
          : issue.code === 'invalid_type' && valueAt(source, issue.path) === undefined && isZodDefaultMessage(issue.message)
            ? '必填'
            : issue.message;
    }
  }
  return fields;
}
