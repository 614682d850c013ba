import type { FormField } from '@jingkai/shared';
import { formSchemaOf } from '../src/lib/form-schema';

const MEAL: FormField[] = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'pickup', label: '取餐方式', type: 'select', required: true, options: [{ value: 'store', label: '到店取餐' }] },
];

describe('the form schema, built once per form', () => {
  it('is the same schema for the same fields, read again from the database as new objects', () => {
    expect(formSchemaOf(structuredClone(MEAL))).toBe(formSchemaOf(structuredClone(MEAL)));
  });

  it('is a new schema once the form is edited, and checks what the edit says', () => {
    const before = formSchemaOf(MEAL);
    const edited = MEAL.map((f) =>
      f.name === 'pickup' ? { ...f, options: [...f.options!, { value: 'delivery', label: '送餐上门' }] } : f,
    );
    const after = formSchemaOf(edited);
    expect(after).not.toBe(before);
    expect(before.safeParse({ name: '王秀兰', pickup: 'delivery' }).success).toBe(false);
    expect(after.safeParse({ name: '王秀兰', pickup: 'delivery' }).success).toBe(true);
  });
});
