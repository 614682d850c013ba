import type { FormField, FormFieldType } from '@jingkai/shared';

/** One question of a signup form as staff edit it: options typed as one line, 本科、硕士. */
export interface QuestionRow {
  /** The field's name once saved; new questions get one when saved. */
  name?: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  options: string;
  /** What the editor does not show (min, max, option values) is kept as it was. */
  kept?: Pick<FormField, 'min' | 'max' | 'options'>;
}

/** The kinds of question staff can add, in the words they know. */
export const QUESTION_TYPES: { type: FormFieldType; label: string }[] = [
  { type: 'text', label: '一行文字' },
  { type: 'textarea', label: '多行文字' },
  { type: 'select', label: '选择' },
  { type: 'number', label: '数字' },
  { type: 'date', label: '日期' },
  { type: 'phone', label: '手机号' },
];

const SEPARATORS = /[、,，;；\n]+/;

export const blankQuestion = (): QuestionRow => ({ label: '', type: 'text', required: true, options: '' });

export function toQuestionRows(fields: readonly FormField[]): QuestionRow[] {
  return fields.map((f) => ({
    name: f.name,
    label: f.label,
    type: f.type,
    required: f.required,
    options: (f.options ?? []).map((o) => o.label).join('、'),
    kept: { min: f.min, max: f.max, options: f.options },
  }));
}

/**
 * The form the API takes. New questions are named q1, q2… (never a name already used); an option
 * keeps the value it had when its label is unchanged, a new one takes its label as its value.
 * Faults (a select without options, two options alike) are left for the shared schema to name.
 */
export function toFormFields(rows: readonly QuestionRow[]): FormField[] {
  const used = new Set(rows.flatMap((r) => (r.name ? [r.name] : [])));
  let n = 0;
  const freshName = () => {
    do n++;
    while (used.has(`q${n}`));
    used.add(`q${n}`);
    return `q${n}`;
  };
  return rows.map((r) => {
    const labels = r.options
      .split(SEPARATORS)
      .map((o) => o.trim())
      .filter(Boolean);
    const before = new Map((r.kept?.options ?? []).map((o) => [o.label, o.value]));
    const field: FormField = { name: r.name ?? freshName(), label: r.label.trim(), type: r.type, required: r.required };
    if (r.type === 'select' && labels.length) field.options = labels.map((label) => ({ value: before.get(label) ?? label, label }));
    if (r.kept?.min !== undefined && r.type === 'number') field.min = r.kept.min;
    if (r.kept?.max !== undefined && r.type === 'number') field.max = r.kept.max;
    return field;
  });
}
