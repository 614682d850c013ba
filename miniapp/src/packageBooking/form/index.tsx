import { View, Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { buildFormSchema, formInput, isAsked, RELATIONS, type FamilyMember, type FormField } from '@jingkai/shared';
import { createBooking, fetchFamily, fetchService } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { askForNotices } from '../../services/subscribe';
import { ApiError } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useSlot } from '../../hooks/useSlot';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import FormFields from '../../components/FormFields';
import CallButton from '../../components/CallButton';
import { fieldErrors, formErrorsOf, unseenFieldMessages } from '../../utils/form-errors';
import { formatSlot } from '../../utils/format';
import { go } from '../../utils/nav';
import { newIdempotencyKey } from '../../utils/keys';
import { PAGES } from '../../utils/route';
import { explain } from '../../utils/modal';
import { role } from '../../utils/a11y';
import ChoiceChips from '../../components/ChoiceChips';
import './index.scss';

/** Fields the server fills from a chosen family member (it holds their unmasked details). */
const memberFills = (f: FormField, m: FamilyMember) =>
  ['name', 'childName', 'idNumber', 'ageMonths'].includes(f.name) ||
  (f.name === 'phone' && !!m.phone) ||
  (f.name === 'address' && !!m.address);

const newKey = () => newIdempotencyKey('bk');

export default function BookingForm() {
  const { pageClass } = useElderMode();
  const { serviceId, slotId } = useRouteParams('serviceId', 'slotId');
  const svc = useRequest(() => fetchService(serviceId), [serviceId]);
  const slot = useSlot(serviceId, slotId);
  const site = svc.data?.sites.find((s) => s.id === slot.data?.siteId);
  const family = useRequest(async () => {
    await ensureLogin();
    return fetchFamily();
  });
  // Coming back from 添加家人 shows the new member at once.
  useDidShow(() => void family.reload());
  const [who, setWho] = useState<string>('self');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // One key per attempt: a retry after a lost answer (network, 5xx) sends the same key and gets the
  // first answer; once the server has answered with a refusal, what the citizen sends next is a new
  // request (a fixed field, another family member), so it gets a new key.
  const [key, setKey] = useState(newKey);

  const member = family.data?.items.find((m) => m.id === who);
  const fields = (svc.data?.form ?? []).filter((f) => !(member && memberFills(f, member)));
  const shown = fields.filter((f) => isAsked(f, values)).map((f) => f.name);

  const submit = async () => {
    const parsed = buildFormSchema(fields).safeParse(formInput(fields, values));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setSaving(true);
    await askForNotices();
    try {
      const b = await createBooking(
        { slotId, form: parsed.data as Record<string, unknown>, ...(member ? { familyMemberId: member.id } : {}) },
        key,
      );
      // navigateTo, not redirectTo: Taro 4's H5 router leaves a redirected subpackage page hidden.
      go(PAGES.bookingSuccess, { id: b.id });
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) setKey(newKey());
      if (e instanceof ApiError) setErrors(formErrorsOf(e.fields));
      // A refusal of a field she cannot see (孩子月龄, filled from the chosen child) is said in the dialog.
      const unseen = e instanceof ApiError ? unseenFieldMessages(e.fields, shown) : [];
      explain('没有约上', e, undefined, member ? unseen.map((m) => `按${member.name}的资料：${m}`) : unseen);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className={`${pageClass} bk-form`}>
      <View className="bk-form__slot">
        <Text className="bk-form__service">{svc.data?.name}</Text>
        {slot.data && <Text className="bk-form__when">{formatSlot(slot.data.start, slot.data.end, site?.name)}</Text>}
      </View>
      <PageState
        loading={(svc.loading && !svc.data) || (slot.loading && !slot.data)}
        error={svc.data ? (slot.data ? undefined : slot.error) : svc.error}
        onRetry={slot.error?.code === 'NOT_FOUND' ? undefined : () => void Promise.all([svc.reload(), slot.reload()])}
      />
      {svc.data && slot.data && (
        <>
          <View className="jk-field">
            <Text className="jk-field__label">为谁预约</Text>
            <ChoiceChips
              label="为谁预约"
              options={[
                { value: 'self', label: '本人' },
                ...(family.data?.items ?? []).map((m) => ({
                  value: m.id,
                  label: `${m.name}（${RELATIONS.find((r) => r.value === m.relation)?.label}）`,
                })),
              ]}
              value={who}
              onChange={setWho}
            />
            <View className="jk-chips">
              <View {...role('button')} className="jk-chip jk-chip--add" onClick={() => go(PAGES.familyAdd)}>
                + 添加家人
              </View>
            </View>
            {member && (
              <Text className="jk-muted">
                将使用家人资料：{member.name} {member.idNumber}
                {member.phone ? ` ${member.phone}` : ''}
                {member.address && svc.data.form.some((f) => f.name === 'address') ? `，地址 ${member.address}` : ''}
              </Text>
            )}
          </View>
          <FormFields fields={fields} values={values} errors={errors} onChange={setValues} onErrorsChange={setErrors} idPrefix="bk" />
          <Button type="primary" size="large" block loading={saving} onClick={submit}>
            确认预约
          </Button>
          {site && <CallButton phone={site.phone} note={site.name} />}
        </>
      )}
    </View>
  );
}
