import { View, Text, Input, Textarea } from '@tarojs/components';
import type { ReactNode } from 'react';
import { isAsked, type FormField } from '@jingkai/shared';
import { errorsAfterChange, fieldErrors } from '../../utils/form-errors';
import { inputA11y } from '../../utils/a11y';
import ChoiceChips from '../ChoiceChips';

interface Props {
  fields: FormField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** Takes the errors left after a change: a fixed field's error clears as soon as it changes. */
  onErrorsChange: (errors: Record<string, string>) => void;
  /** Prefixes the fields' ids, unique on the page (Taro's H5 keeps earlier pages in the DOM). */
  idPrefix: string;
}

/**
 * One labelled field: its label, its input, and its error, announced as it appears. The input takes
 * `inputA11y(id, …)`, which ties it to the error's element (`${id}-error`).
 */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <View className="jk-field">
      <Text className="jk-field__label">{label}</Text>
      {children}
      <View className="jk-field__error" id={`${id}-error`} aria-live="polite">
        {error ?? ''}
      </View>
    </View>
  );
}

/**
 * The fields of a service's or an event's form, in the shared field shape: one label, one input
 * per type, and the error the check (on the phone or from the server's 400) gave for it.
 */
export default function FormFields({ fields, values, errors, onChange, onErrorsChange, idPrefix }: Props) {
  const put = (name: string, value: string) => {
    const next = { ...values, [name]: value };
    onChange(next);
    if (Object.keys(errors).length > 0) onErrorsChange(errorsAfterChange(errors, fields, name, next));
  };
  const set = (name: string) => (e: { detail: { value: string } }) => put(name, e.detail.value);
  const input = (f: FormField) => {
    const v = values[f.name] ?? '';
    // The label's text names the input for screen readers (Taro's Input keeps the real <input> inside).
    const named = inputA11y(`${idPrefix}-${f.name}`, f.label, errors[f.name]);
    switch (f.type) {
      case 'textarea':
        return <Textarea className="jk-field__input jk-field__textarea" value={v} onInput={set(f.name)} nativeProps={named} />;
      case 'select':
        return <ChoiceChips label={f.label} options={f.options ?? []} value={v} onChange={(x) => put(f.name, x)} />;
      case 'phone':
        return <Input className="jk-field__input" type="number" maxlength={11} value={v} onInput={set(f.name)} nativeProps={named} />;
      case 'idNumber':
        return <Input className="jk-field__input" type="idcard" maxlength={18} value={v} onInput={set(f.name)} nativeProps={named} />;
      case 'number':
        return <Input className="jk-field__input" type="number" value={v} onInput={set(f.name)} nativeProps={named} />;
      default:
        return <Input className="jk-field__input" value={v} onInput={set(f.name)} nativeProps={named} />;
    }
  };
  return (
    <>
      {fields
        .filter((f) => isAsked(f, values))
        .map((f) => (
          <Field
            key={f.name}
            id={`${idPrefix}-${f.name}`}
            label={`${f.label}${f.required || f.requiredWhen ? '' : '（选填）'}`}
            error={errors[f.name]}
          >
            {input(f)}
          </Field>
        ))}
    </>
  );
}

/**
 * Checks a form's values with its shared schema: the parsed value, or undefined after putting the
 * first message per field on `setErrors` (cleared when the check passes).
 */
type Issue = { path: PropertyKey[]; code: string; message: string };
/** What checkWith needs of a zod schema (the mini-program takes zod only through shared). */
interface Checker<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

export function checkWith<T>(schema: Checker<T>, values: unknown, setErrors: (e: Record<string, string>) => void): T | undefined {
  const parsed = schema.safeParse(values);
  setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
  return parsed.success ? parsed.data : undefined;
}

interface TextAreaProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  placeholder?: string;
  maxlength?: number;
  className?: string;
}

/** A labelled multi-line text field with its error, as the forms of 诉求 and their staff use it. */
export function TextAreaField({ label, value, onChange, error, placeholder, maxlength = 500, className = '' }: TextAreaProps) {
  return (
    <View className="jk-field">
      <Text className="jk-field__label">{label}</Text>
      <Textarea
        className={`jk-field__input jk-field__textarea ${className}`}
        placeholder={placeholder}
        maxlength={maxlength}
        value={value}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error && <Text className="jk-field__error">{error}</Text>}
    </View>
  );
}
