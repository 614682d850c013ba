import { View, Text, Input, Textarea } from '@tarojs/components';
import type { FormField } from '@jingkai/shared';

interface Props {
  fields: FormField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}

/**
 * The fields of a service's or an event's form, in the shared field shape: one label, one input
 * per type, and the error the check (on the phone or from the server's 400) gave for it.
 */
export default function FormFields({ fields, values, errors, onChange }: Props) {
  const put = (name: string, value: string) => onChange({ ...values, [name]: value });
  const set = (name: string) => (e: { detail: { value: string } }) => put(name, e.detail.value);
  const input = (f: FormField) => {
    const v = values[f.name] ?? '';
    // The label's text names the input for screen readers (Taro's Input keeps the real <input> inside).
    const named = { 'aria-label': f.label, 'aria-invalid': errors[f.name] ? 'true' : 'false' };
    switch (f.type) {
      case 'textarea':
        return <Textarea className="jk-field__input jk-field__textarea" value={v} onInput={set(f.name)} nativeProps={named} />;
      case 'select':
        return (
          <View className="jk-chips">
            {(f.options ?? []).map((o) => (
              <View key={o.value} className={`jk-chip ${v === o.value ? 'jk-chip--on' : ''}`} onClick={() => put(f.name, o.value)}>
                {o.label}
              </View>
            ))}
          </View>
        );
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
      {fields.map((f) => (
        <View key={f.name} className="jk-field">
          <Text className="jk-field__label">
            {f.label}
            {f.required ? '' : '（选填）'}
          </Text>
          {input(f)}
          <View className="jk-field__error" aria-live="polite">
            {errors[f.name] ?? ''}
          </View>
        </View>
      ))}
    </>
  );
}

/** The field errors of a form check: the first message per field ('必填' for a missing one). */
export function fieldErrors(issues: { path: PropertyKey[]; code: string; message: string }[]): Record<string, string> {
  const e: Record<string, string> = {};
  for (const i of issues) e[String(i.path[0])] ??= i.code === 'invalid_type' ? '必填' : i.message;
  return e;
}

/** The server's field errors, named as the form names them (`form.education` → `education`). */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^form\./, ''), v]));
}
