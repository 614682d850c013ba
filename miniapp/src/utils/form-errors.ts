import { isAsked, isZodDefaultMessage, type FormField } from '@jingkai/shared';

/**
 * The field errors of a form check: the first message per field, in the schema's words
 * ("请填写送餐地址"); 必填 only where a schema has none of its own.
 */
export function fieldErrors(issues: { path: PropertyKey[]; code: string; message: string }[]): Record<string, string> {
  const e: Record<string, string> = {};
  for (const i of issues) e[String(i.path[0])] ??= i.code === 'invalid_type' && isZodDefaultMessage(i.message) ? '必填' : i.message;
  return e;
}

/**
 * The errors left once a field changes: a changed field's own error goes at once, and so does the
 * error of a field the form no longer asks (an address once 到店取餐 is chosen again).
 */
export function errorsAfterChange(errors: Record<string, string>, fields: FormField[], name: string, values: Record<string, string>) {
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const f = fields.find((x) => x.name === k);
    if (k !== name && (!f || isAsked(f, values))) next[k] = v;
  }
  return next;
}

/** The server's field errors, named as the form names them (`form.education` → `education`). */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^form\./, ''), v]));
}

/**
 * The field messages of a refusal that no field on screen shows: a field filled from a chosen family
 * member (孩子月龄 from the child's ID number), or one the form does not ask. Shown in the refusal's
 * dialog instead of the generic 填写的内容有误, which would leave the person nothing to fix.
 */
export function unseenFieldMessages(fields: Record<string, string>, shown: string[]): string[] {
  return [
    ...new Set(
      Object.entries(formErrorsOf(fields))
        .filter(([k]) => !shown.includes(k))
        .map(([, v]) => v),
    ),
  ];
}
