import { View, Text, Input, Textarea } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import Checkbox from '../../components/Checkbox';
import { ageOn, birthDateOfIdNumber, CHILD_AGE, familyMemberBodySchema, isValidIdNumber, RELATIONS, type Relation } from '@jingkai/shared';
import { addFamilyMember } from '../../services/api';
import { ApiError } from '../../services/http';
import { useElderMode } from '../../hooks/useElderMode';
import { shanghaiToday } from '../../utils/dates';
import './index.scss';
import { toastDone, toastError } from '../../utils/toast';

/** The family-member form, validated by the same shared schema as the server. */
export default function FamilyAdd() {
  const { pageClass } = useElderMode();
  const [form, setForm] = useState({ name: '', relation: '' as Relation | '', idNumber: '', phone: '', address: '' });
  const [consent, setConsent] = useState(false);
  const [guardian, setGuardian] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (k: keyof typeof form) => (e: { detail: { value: string } }) => setForm({ ...form, [k]: e.detail.value });

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
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
      setErrors(fields);
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
    <View className="jk-field">
      <Text className="jk-field__label">{label}</Text>
      {input}
      {errors[name] && <Text className="jk-field__error">{errors[name]}</Text>}
    </View>
  );

  return (
    <View className={`${pageClass} family-add`}>
      {field('name', '姓名', <Input className="jk-field__input" value={form.name} placeholder="家人的真实姓名" onInput={set('name')} />)}
      {field(
        'relation',
        '与您的关系',
        <View className="jk-chips">
          {RELATIONS.map((r) => (
            <View
              key={r.value}
              className={`jk-chip ${form.relation === r.value ? 'jk-chip--on' : ''}`}
              onClick={() => setForm({ ...form, relation: r.value })}
            >
              {r.label}
            </View>
          ))}
        </View>,
      )}
      {field(
        'idNumber',
        '身份证号',
        <Input
          className="jk-field__input"
          type="idcard"
          maxlength={18}
          value={form.idNumber}
          placeholder="18 位身份证号"
          onInput={set('idNumber')}
        />,
      )}
      {field(
        'phone',
        '手机号（选填）',
        <Input
          className="jk-field__input"
          type="number"
          maxlength={11}
          value={form.phone}
          placeholder="方便工作人员联系"
          onInput={set('phone')}
        />,
      )}
      {field(
        'address',
        '住址（上门办事时需要，选填）',
        <Textarea
          className="jk-field__input jk-field__textarea"
          value={form.address}
          placeholder="如：通辽市开发区辽河镇辽河村 3 组 12 号"
          onInput={set('address')}
        />,
      )}
      {isChild &&
        field(
          'guardian',
          '未满 14 周岁',
          <Checkbox checked={guardian} onChange={setGuardian} label="我是孩子的监护人（父母或法定监护人）" />,
        )}
      {field(
        'consent',
        '同意',
        <Checkbox
          checked={consent}
          onChange={setConsent}
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
