import { View, Text, Input } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import {
  RELATIONS,
  buildFormSchema,
  formInput,
  idNumberSchema,
  isAsked,
  personNameSchema,
  phoneSchema,
  type RegistrationBody,
} from '@jingkai/shared';
import { fetchEvent, fetchFamily, registerForEvent } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { ApiError } from '../../services/http';
import { askForNotices } from '../../services/subscribe';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import FormFields from '../../components/FormFields';
import CallButton from '../../components/CallButton';
import { HOTLINE } from '../../config';
import { errorsAfterChange, fieldErrors, formErrorsOf, unseenFieldMessages } from '../../utils/form-errors';
import { formatDateTime, formatTime } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/keys';
import { explain } from '../../utils/modal';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { inputA11y, role } from '../../utils/a11y';
import './index.scss';

interface Typed {
  /** The account holder (本人): typed like anyone else, since an account keeps no name or ID number. */
  self?: boolean;
  name: string;
  idNumber: string;
  phone: string;
}
const EMPTY: Typed = { name: '', idNumber: '', phone: '' };

/** Checks a typed attendee as the server will; the first problem per field. */
function checkTyped(t: Typed): Partial<Record<keyof Typed, string>> {
  const e: Partial<Record<keyof Typed, string>> = {};
  const name = personNameSchema.safeParse(t.name);
  if (!name.success) e.name = name.error.issues[0]!.message;
  const id = idNumberSchema.safeParse(t.idNumber);
  if (!id.success) e.idNumber = id.error.issues[0]!.message;
  if (t.phone) {
    const p = phoneSchema.safeParse(t.phone);
    if (!p.success) e.phone = p.error.issues[0]!.message;
  }
  return e;
}

/**
 * Signing up for one session: the attendees (saved family members, whose details the server fills,
 * or typed), the event's questions, and one tap. All attendees get places, or none do.
 */
export default function EventSignup() {
  const { pageClass } = useElderMode();
  const { id, sessionId } = useRouteParams('id', 'sessionId');
  const ev = useRequest(() => fetchEvent(id), [id]);
  const family = useRequest(async () => {
    await ensureLogin();
    return fetchFamily();
  });
  useDidShow(() => void family.reload());
  const [members, setMembers] = useState<string[]>([]);
  const [typed, setTyped] = useState<Typed[]>([]);
  const [typedErrors, setTypedErrors] = useState<Partial<Record<keyof Typed, string>>[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attendeeError, setAttendeeError] = useState('');
  const [saving, setSaving] = useState(false);
  const [key, setKey] = useState(() => newIdempotencyKey('rg'));

  const e = ev.data;
  const session = e?.sessions.find((s) => s.id === sessionId);
  const max = e?.maxAttendees ?? 1;
  const count = members.length + typed.length;
  const fields = e?.form ?? [];

  const toggle = (mid: string) => {
    setAttendeeError('');
    if (members.includes(mid)) setMembers(members.filter((m) => m !== mid));
    else if (count < max) setMembers([...members, mid]);
    else setAttendeeError(`每次最多为 ${max} 人报名`);
  };
  const addTyped = () => {
    setAttendeeError('');
    if (count < max) setTyped([...typed, { ...EMPTY }]);
    else setAttendeeError(`每次最多为 ${max} 人报名`);
  };
  // An attendee's field error goes as soon as the field changes, as on the booking form.
  const editTyped = (i: number, k: keyof Typed, v: string) => {
    setTyped(typed.map((t, j) => (j === i ? { ...t, [k]: v } : t)));
    setTypedErrors(typedErrors.map((e, j) => (j === i ? errorsAfterChange(e as Record<string, string>, [], k, {}) : e)));
  };
  const removeTyped = (i: number) => {
    setTyped(typed.filter((_, j) => j !== i));
    setTypedErrors(typedErrors.filter((_, j) => j !== i));
  };

  // 本人: the account holder as an attendee, first in the list.
  const self = typed.some((t) => t.self);
  const toggleSelf = () => {
    setAttendeeError('');
    if (self) removeTyped(typed.findIndex((t) => t.self));
    else if (count < max) {
      setTyped([{ ...EMPTY, self: true }, ...typed]);
      setTypedErrors([{}, ...typedErrors]);
    } else setAttendeeError(`每次最多为 ${max} 人报名`);
  };
  /** A typed attendee's field: named by its label, tied to its error (announced as it appears). */
  const typedInput = (
    t: Typed,
    i: number,
    k: 'name' | 'idNumber' | 'phone',
    label: string,
    kind: { type?: 'idcard' | 'number'; maxlength?: number },
  ) => {
    const id = `su-${i}-${k}`;
    const error = typedErrors[i]?.[k];
    return (
      <>
        <Input
          className="jk-field__input"
          {...kind}
          placeholder={label}
          value={t[k]}
          onInput={(x) => editTyped(i, k, x.detail.value)}
          nativeProps={inputA11y(id, `${t.self ? '本人' : `同行人 ${members.length + i + 1}`}${label}`, error)}
        />
        <View className="jk-field__error" id={`${id}-error`} aria-live="polite">
          {error ?? ''}
        </View>
      </>
    );
  };
  const submit = async () => {
    if (count === 0) return setAttendeeError('请至少选择一位参加人');
    const typedCheck = typed.map(checkTyped);
    const form = buildFormSchema(fields).safeParse(formInput(fields, values));
    setTypedErrors(typedCheck);
    setErrors(form.success ? {} : fieldErrors(form.error.issues));
    if (!form.success || typedCheck.some((t) => Object.keys(t).length > 0)) return;
    const body: RegistrationBody = {
      sessionId,
      attendees: [
        ...members.map((familyMemberId) => ({ familyMemberId })),
        ...typed.map((t) => ({ name: t.name.trim(), idNumber: t.idNumber.trim().toUpperCase(), ...(t.phone ? { phone: t.phone } : {}) })),
      ],
      form: form.data as Record<string, unknown>,
    };
    setSaving(true);
    await askForNotices();
    try {
      const r = await registerForEvent(id, body, key);
      go(PAGES.registration, { id: r.id, fresh: '1' });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) setKey(newIdempotencyKey('rg'));
      if (err instanceof ApiError) {
        setErrors(formErrorsOf(err.fields));
        // `attendees.2.idNumber`: the third attendee, counted over the members first, then the typed.
        const forTyped: Partial<Record<keyof Typed, string>>[] = typed.map(() => ({}));
        for (const [k, v] of Object.entries(err.fields)) {
          const m = /^attendees\.(\d+)(?:\.(\w+))?$/.exec(k);
          if (!m) continue;
          const i = Number(m[1]) - members.length;
          if (i >= 0 && forTyped[i] && m[2]) forTyped[i]![m[2] as keyof Typed] = v;
          else setAttendeeError(v);
        }
        setTypedErrors(forTyped);
      }
      // Attendee errors show beside the attendees; any other field the form does not show is said in the dialog.
      const shown = [
        ...fields.filter((f) => isAsked(f, values)).map((f) => f.name),
        ...Object.keys(err instanceof ApiError ? err.fields : {}).filter((k) => k.startsWith('attendees')),
      ];
      explain('没有报上名', err, undefined, err instanceof ApiError ? unseenFieldMessages(err.fields, shown) : []);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className={`${pageClass} su`}>
      <PageState loading={ev.loading && !e} error={e ? undefined : ev.error} onRetry={ev.reload} />
      {e && !session && <PageState loading={false} error={new ApiError(404, 'NOT_FOUND', '这个场次不存在了，请返回重新选择')} />}
      {e && session && (
        <>
          <View className="su__head">
            <Text className="su__event">{e.title}</Text>
            <Text className="su__when">
              {formatDateTime(session.startAt)}-{formatTime(session.endAt)}
            </Text>
            <Text className="jk-muted">{e.venue}</Text>
            <Text className="jk-muted">
              {session.remaining > 0 ? `余 ${session.remaining} 个名额` : '名额已满，提交后进入候补，按顺序递补'}
            </Text>
          </View>

          <View className="jk-field">
            <Text className="jk-field__label">
              参加人（{count}/{max}）
            </Text>
            <Text className="jk-muted">每人一张电子票，一个身份证号只能报一个名额</Text>
            <View className="jk-chips">
              <View
                className={`jk-chip ${self ? 'jk-chip--on' : ''}`}
                onClick={toggleSelf}
                {...role('checkbox')}
                aria-checked={self ? 'true' : 'false'}
              >
                本人
              </View>
              {family.data?.items.map((m) => (
                <View
                  key={m.id}
                  className={`jk-chip ${members.includes(m.id) ? 'jk-chip--on' : ''}`}
                  onClick={() => toggle(m.id)}
                  {...role('checkbox')}
                  aria-checked={members.includes(m.id) ? 'true' : 'false'}
                >
                  {m.name}（{RELATIONS.find((r) => r.value === m.relation)?.label}）
                </View>
              ))}
              <View {...role('button')} className="jk-chip jk-chip--add" onClick={() => go(PAGES.familyAdd)}>
                + 添加家人
              </View>
            </View>
            {typed.map((t, i) => (
              <View key={i} className="su__typed">
                <View className="su__typed-head">
                  <Text className="su__typed-title">{t.self ? '本人' : `同行人 ${members.length + i + 1}`}</Text>
                  <Text className="su__remove" {...role('button')} onClick={() => removeTyped(i)}>
                    删除
                  </Text>
                </View>
                {typedInput(t, i, 'name', '姓名', {})}
                {typedInput(t, i, 'idNumber', '身份证号', { type: 'idcard', maxlength: 18 })}
                {typedInput(t, i, 'phone', '手机号（选填）', { type: 'number', maxlength: 11 })}
              </View>
            ))}
            {count < max && (
              <Button fill="outline" size="large" block onClick={addTyped}>
                + 填写其他同行人
              </Button>
            )}
            {attendeeError && <Text className="jk-field__error">{attendeeError}</Text>}
          </View>

          <FormFields fields={fields} values={values} errors={errors} onChange={setValues} onErrorsChange={setErrors} idPrefix="su" />
          <Button type="primary" size="large" block loading={saving} onClick={submit}>
            {session.remaining > 0 ? `提交报名（${count} 人）` : `排队候补（${count} 人）`}
          </Button>
          <Text className="jk-muted su__note">不满 14 周岁的孩子请先在“添加家人”中由监护人添加。</Text>
          {/* Events carry no phone of their own: the zone hotline, as on the 长辈版 首页. */}
          <CallButton phone={HOTLINE} note="政务服务热线" />
        </>
      )}
    </View>
  );
}
