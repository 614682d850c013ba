import { buildFormSchema, type FormField } from '@jingkai/shared';

/** Past this many distinct forms, the memory starts again (a bound, not an eviction policy). */
const MAX_FORMS = 500;
const built = new Map<string, ReturnType<typeof buildFormSchema>>();

/**
 * The zod schema of a service's or an event's form, built once per distinct form. Building it (and
 * zod's compiling of its fast path on the first parse) was the largest cost of a booking in a rush,
 * paid again by every request; the key is the fields as written, so an edited form gets a new schema.
 */
export function formSchemaOf(fields: readonly FormField[]): ReturnType<typeof buildFormSchema> {
  const key = JSON.stringify(fields);
  let schema = built.get(key);
  if (!schema) {
    if (built.size >= MAX_FORMS) built.clear();
    schema = buildFormSchema(fields as FormField[]);
    built.set(key, schema);
  }
  return schema;
}
