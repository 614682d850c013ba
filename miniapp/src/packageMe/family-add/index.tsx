import { View, Text, Input, Textarea } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import Checkbox from '../../components/Checkbox';
import ChoiceChips from '../../components/ChoiceChips';
import { Field } from '../../components/FormFields';
import { ageOn, birthDateOfIdNumber, CHILD_AGE, familyMemberBodySchema, isValidIdNumber, RELATIONS, type Relation } from '@jingkai/shared';
import { addFamilyMember } from '../../services/api';
import { ApiError } from '../../services/http';
import { useElderMode } from '../../hooks/useElderMode';
import { shanghaiToday } from '../../utils/dates';
import { inputA11y } from '../../utils/a11y';
import { errorsAfterChange, fieldErrors } from '../../utils/form-errors';
import { toastDone, toastError } from '../../utils/toast';
import './index.scss';

/** The family-member form, validated by the same shared schema as the server. */
export default function FamilyAdd() {
  const { pageClass } = useElderMode();
  const [form, setForm] = useState({ name: '', relation: '' as Relation | '', idNumber: '', phone: '', address: '' });
  const [consent, setConsent] = useState(false);
  const [guardian, setGuardian] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // A field's error goes as soon as the field changes, as on the booking form.
  const clear = (name: string) => setErrors((e) => errorsAfterChange(e, [], name, {}));
  const put = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => {
    setForm({ ...form, [k]: v });
    clear(k);
  };
  const set = (k: keyof typeof form) => (e: { detail: { value: string } }) => put(k, e.detail.value);
  const named = (name: string, label: string) => ({ nativeProps: inputA11y(`fa-${name}`, label, errors[name]) });

  const id = form.idNumber.trim().toUpperCase();
  const isChild = isValidIdNumber(id) && ageOn(birthDateOfIdNumber(id), shanghaiToday()) < CHILD_AGE;

  const submit = async () => {
    const body = {
      name: form.name,
      relation: form.relation || undefined,
      idNumber: form.idNumber,
      phone: form.phone.trim() || undefined,
      address: form.address.trim() || undefined,
      consent,
      ...(isChild ? { guardian } : {}),
    };
    const parsed = familyMemberBodySchema.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      await addFamilyMember(parsed.data);
      toastDone('已添加');
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(e.fields);
      toastError(e, '保存失败');
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string, label: string, input: JSX.Element) => (
    <Field id={`fa-${name}`} label={label} error={errors[name]}>
      {input}
    </Field>
  );
  /** A text field of the form: its label, the input named by it (or by `spoken`), its value and error. */
  const textField = (
    name: 'name' | 'idNumber' | 'phone' | 'address',
    label: string,
    props: { type?: 'idcard' | 'number'; maxlength?: number; placeholder: string },
    spoken = label,
  ) => {
    const common = { value: form[name], onInput: set(name), placeholder: props.placeholder, ...named(name, spoken) };
    return field(
      name,
      label,
      name === 'address' ? (
        <Textarea className="jk-field__input jk-field__textarea" {...common} />
      ) : (
        <Input className="jk-field__input" type={props.type} maxlength={props.maxlength} {...common} />
      ),
    );
  };

  return (
    <View className={`${pageClass} family-add`}>
      {textField('name', '姓名', { placeholder: '家人的真实姓名' })}
      {field(
        'relation',
        '与您的关系',
        <ChoiceChips label="与您的关系" options={RELATIONS} value={form.relation} onChange={(v) => put('relation', v as Relation)} />,
      )}
      {textField('idNumber', '身份证号', { type: 'idcard', maxlength: 18, placeholder: '18 位身份证号' })}
      {textField('phone', '手机号（选填）', { type: 'number', maxlength: 11, placeholder: '方便工作人员联系' })}
      {textField('address', '住址（上门办事时需要，选填）', { placeholder: '如：通辽市开发区辽河镇辽河村 3 组 12 号' }, '住址（选填）')}
      {isChild &&
        field(
          'guardian',
          '未满 14 周岁',
          <Checkbox
            checked={guardian}
            onChange={(on) => {
              setGuardian(on);
              clear('guardian');
            }}
            label="我是孩子的监护人（父母或法定监护人）"
          />,
        )}
      {field(
        'consent',
        '同意',
        <Checkbox
          checked={consent}
          onChange={(on) => {
            setConsent(on);
            clear('consent');
          }}
          label={isChild ? '我作为监护人同意提供孩子的上述信息，仅用于办事预约' : '我已取得本人同意，提供上述信息仅用于办事预约'}
        />,
      )}
      <Text className="jk-muted">身份证号、手机号和住址加密保存，显示时隐去部分数字。</Text>
      <View className="family-add__submit">
        <Button type="primary" size="large" block loading={saving} onClick={submit}>
          保存
        </Button>
      </View>
    </View>
  );
}
