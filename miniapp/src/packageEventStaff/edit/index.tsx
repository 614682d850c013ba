import { View, Text, Input, Textarea, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import Switch from '../../components/Switch';
import {
  EVENT_CATEGORIES,
  EVENT_CATEGORY_LABELS,
  eventCreateSchema,
  type EventCategory,
  type EventDetail,
  type NewsListItem,
} from '@jingkai/shared';
import { fetchNews } from '../../services/api';
import { createEvent, fetchEventDetail, patchEvent, uploadPoster } from '../../services/events-staff';
import { ApiError } from '../../services/http';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { addDays, shanghaiToday } from '../../utils/dates';
import { toast, toastError } from '../../utils/toast';
import { mediaUrl } from '../../config';
import { imageTypeOf, readBytes } from '../../utils/files';
import { blankQuestion, QUESTION_TYPES, toFormFields, toQuestionRows, type QuestionRow } from '../../utils/form-editor';
import './index.scss';
import { pressed, role } from '../../utils/a11y';

interface SessionForm {
  id?: string;
  start: string;
  end: string;
  capacity: string;
  opens: string;
  closes: string;
}
interface EventForm {
  title: string;
  category: EventCategory;
  venue: string;
  address: string;
  description: string;
  start: string;
  end: string;
  maxAttendees: string;
  waitlist: boolean;
  coverUrl: string | null;
  lat: string;
  lng: string;
  newsId: string | null;
  questions: QuestionRow[];
  sessions: SessionForm[];
}

const TIME_HINT = '请按 2026-09-12 09:00 的格式填写';
/** `2026-09-12 09:00` (Beijing time, as staff type it) ↔ the API's ISO instant. */
const toIso = (text: string) => {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  return m ? `${m[1]}T${m[2]!.padStart(2, '0')}:${m[3]}:00+08:00` : undefined;
};
const toText = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '');

function blank(): EventForm {
  const day = addDays(shanghaiToday(), 30);
  return {
    title: '',
    category: 'festival',
    venue: '',
    address: '',
    description: '',
    start: `${day} 09:00`,
    end: `${day} 17:00`,
    maxAttendees: '3',
    waitlist: true,
    coverUrl: null,
    lat: '',
    lng: '',
    newsId: null,
    questions: [],
    sessions: [{ start: `${day} 09:00`, end: `${day} 12:00`, capacity: '500', opens: '', closes: '' }],
  };
}

function fromDetail(d: EventDetail): EventForm {
  return {
    title: d.title,
    category: d.category,
    venue: d.venue,
    address: d.address,
    description: d.description,
    start: toText(d.startAt),
    end: toText(d.endAt),
    maxAttendees: String(d.maxAttendees),
    waitlist: d.waitlist,
    coverUrl: d.coverUrl,
    lat: d.location ? String(d.location.lat) : '',
    lng: d.location ? String(d.location.lng) : '',
    newsId: d.newsId,
    questions: toQuestionRows(d.form),
    sessions: d.sessions.map((s) => ({
      id: s.id,
      start: toText(s.startAt),
      end: toText(s.endAt),
      capacity: String(s.capacity),
      opens: toText(s.signupOpensAt),
      closes: toText(s.signupClosesAt),
    })),
  };
}

/** The body the API takes, and the time fields staff typed in a form it cannot read. */
function toBody(f: EventForm) {
  const bad: Record<string, string> = {};
  const time = (key: string, text: string, optional = false) => {
    if (optional && !text.trim()) return undefined;
    const iso = toIso(text);
    if (!iso) bad[key] = TIME_HINT;
    return iso ?? text;
  };
  // A place on the map needs both numbers; one alone is a fault of the other.
  let location: { lat: number; lng: number } | undefined;
  if (f.lat.trim() || f.lng.trim()) {
    const [lat, lng] = [Number(f.lat), Number(f.lng)];
    if (!f.lat.trim() || Number.isNaN(lat)) bad['location.lat'] = '请填写纬度，如 43.65';
    if (!f.lng.trim() || Number.isNaN(lng)) bad['location.lng'] = '请填写经度，如 122.24';
    location = { lat, lng };
  }
  const body = {
    title: f.title,
    category: f.category,
    venue: f.venue,
    ...(f.address.trim() ? { address: f.address } : {}),
    ...(f.description.trim() ? { description: f.description } : {}),
    startAt: time('startAt', f.start),
    endAt: time('endAt', f.end),
    maxAttendees: Number(f.maxAttendees),
    waitlist: f.waitlist,
    ...(f.coverUrl ? { coverUrl: f.coverUrl } : {}),
    ...(location ? { location } : {}),
    newsId: f.newsId,
    form: toFormFields(f.questions),
    sessions: f.sessions.map((s, i) => {
      const opens = time(`sessions.${i}.signupOpensAt`, s.opens, true);
      const closes = time(`sessions.${i}.signupClosesAt`, s.closes, true);
      return {
        ...(s.id ? { id: s.id } : {}),
        startAt: time(`sessions.${i}.startAt`, s.start),
        endAt: time(`sessions.${i}.endAt`, s.end),
        capacity: Number(s.capacity),
        ...(opens ? { signupOpensAt: opens } : {}),
        ...(closes ? { signupClosesAt: closes } : {}),
      };
    }),
  };
  return { body, bad };
}

/** 乌云 creates and edits an event with its sessions; the server's field errors land under the fields. */
export default function EventEdit() {
  const { pageClass } = useElderMode();
  const params = useRouteParams('id');
  const [id, setId] = useState(params.id);
  const [form, setForm] = useState<EventForm | undefined>(params.id ? undefined : blank());
  const [loadError, setLoadError] = useState<ApiError>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [news, setNews] = useState<NewsListItem[]>([]);
  const [uploading, setUploading] = useState(false);

  const load = async () => {
    if (!params.id) return;
    try {
      setForm(fromDetail(await fetchEventDetail(params.id)));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '出了点问题，请稍后再试'));
    }
  };
  // Loads once per event id; `load` is rebuilt on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [params.id]);
  // The latest articles, to link one to the event (its readers get a 去报名 button).
  useEffect(() => {
    fetchNews({ pageSize: 20 }).then(
      (r) => setNews(r.items),
      () => setNews([]),
    );
  }, []);

  if (!form) return <PageState loading={!loadError} error={loadError} onRetry={load} />;

  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => setForm({ ...form, [key]: value });
  const setSession = (i: number, key: keyof SessionForm, value: string) =>
    set(
      'sessions',
      form.sessions.map((s, j) => (j === i ? { ...s, [key]: value } : s)),
    );

  const submit = async () => {
    const { body, bad } = toBody(form);
    const parsed = eventCreateSchema.safeParse({ ...body, sessions: body.sessions.map(({ id: _id, ...s }) => s) });
    const local: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) local[issue.path.join('.')] ??= issue.message;
    Object.assign(local, bad);
    setErrors(local);
    if (Object.keys(local).length) return toast('请按提示修改后再保存', 1500);
    setSaving(true);
    try {
      const ev = id ? await patchEvent(id, body) : await createEvent(parsed.data!);
      setId(ev.id);
      setForm(fromDetail(ev));
      setSaved(`已保存「${ev.title}」，共 ${ev.sessions.length} 个场次`);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
      void Taro.showToast({ title: id ? '已保存' : '活动已创建', icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors(e.fields);
        toast('请按提示修改后再保存', 1500);
      } else toast(e instanceof ApiError ? e.message : '没有保存成功，请稍后再试', 1500);
    } finally {
      setSaving(false);
    }
  };

  const setQuestion = (i: number, patch: Partial<QuestionRow>) =>
    set(
      'questions',
      form.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)),
    );

  const pickPoster = async () => {
    try {
      const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] });
      const path = r.tempFilePaths[0];
      if (!path) return;
      setUploading(true);
      const { url } = await uploadPoster(await readBytes(path), imageTypeOf(path));
      set('coverUrl', url);
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string }).errMsg ?? ''))) toastError(e, '海报没有上传成功');
    } finally {
      setUploading(false);
    }
  };

  const pickOnMap = async () => {
    try {
      const r = await Taro.chooseLocation({});
      setForm({ ...form, lat: String(r.latitude), lng: String(r.longitude), address: form.address || r.address });
    } catch {
      // Closed without choosing: nothing changes.
    }
  };

  const err = (key: string) => errors[key] && <Text className="jk-field__error">{errors[key]}</Text>;
  const text = (label: string, key: string, value: string, onInput: (v: string) => void, placeholder = '', optional = false) => (
    <View className="jk-field">
      <Text className="jk-field__label">{optional ? `${label}（选填）` : label}</Text>
      <Input
        className="jk-field__input"
        value={value}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
        nativeProps={{ 'aria-label': label }}
      />
      {err(key)}
    </View>
  );

  return (
    <View className={`${pageClass} edit`}>
      {saved && <Text className="edit__saved">{saved}</Text>}
      {text('活动名称', 'title', form.title, (v) => set('title', v), '如：西辽河文化节')}
      <View className="jk-field">
        <Text className="jk-field__label">类别</Text>
        <View className="jk-chips">
          {EVENT_CATEGORIES.map((c) => (
            <Text
              key={c}
              {...pressed(form.category === c)}
              className={`jk-chip ${form.category === c ? 'jk-chip--on' : ''}`}
              onClick={() => set('category', c)}
            >
              {EVENT_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
        {err('category')}
      </View>
      {text('活动地点', 'venue', form.venue, (v) => set('venue', v), '如：西辽河文化广场')}
      {text('详细地址', 'address', form.address, (v) => set('address', v), '', true)}
      <View className="jk-field">
        <Text className="jk-field__label">活动介绍（选填）</Text>
        <Textarea
          className="jk-field__input jk-field__textarea"
          value={form.description}
          maxlength={5000}
          onInput={(e) => set('description', e.detail.value)}
          nativeProps={{ 'aria-label': '活动介绍' }}
        />
        {err('description')}
      </View>
      <View className="jk-field">
        <Text className="jk-field__label">海报（选填）</Text>
        {form.coverUrl && <Image className="edit__poster" src={mediaUrl(form.coverUrl)!} mode="aspectFill" aria-label="活动海报" />}
        <View className="edit__row">
          <Button disabled={uploading} onClick={pickPoster}>
            {uploading ? '正在上传…' : form.coverUrl ? '换一张' : '选择海报图片'}
          </Button>
          {form.coverUrl && (
            <Button fill="none" onClick={() => set('coverUrl', null)}>
              不用海报
            </Button>
          )}
        </View>
        {err('coverUrl')}
      </View>
      <View className="edit__row">
        {text('纬度', 'location.lat', form.lat, (v) => set('lat', v), '如 43.65', true)}
        {text('经度', 'location.lng', form.lng, (v) => set('lng', v), '如 122.24', true)}
      </View>
      {process.env.TARO_ENV === 'weapp' && (
        <Text className="edit__add" {...role('button')} onClick={pickOnMap}>
          在地图上选位置
        </Text>
      )}
      {text('开始时间', 'startAt', form.start, (v) => set('start', v), '2026-09-12 09:00')}
      {text('结束时间', 'endAt', form.end, (v) => set('end', v), '2026-09-12 17:00')}
      {text('每次报名最多人数', 'maxAttendees', form.maxAttendees, (v) => set('maxAttendees', v))}
      <View className="edit__switch">
        <Switch label="满员后开放候补" checked={form.waitlist} onChange={(v) => set('waitlist', v)} />
      </View>

      <Text className="jk-section-title">报名时要回答的问题</Text>
      {form.questions.map((q, i) => (
        <View key={q.name ?? `new-${i}`} className="jk-card edit__question">
          <View className="edit__session-head">
            <Text className="jk-card__title">问题 {i + 1}</Text>
            <Text
              className="edit__remove"
              {...role('button')}
              onClick={() =>
                set(
                  'questions',
                  form.questions.filter((_, j) => j !== i),
                )
              }
            >
              删除
            </Text>
          </View>
          {text('问题', `form.${i}.label`, q.label, (v) => setQuestion(i, { label: v }), '如：意向岗位')}
          <View className="jk-chips">
            {QUESTION_TYPES.map((t) => (
              <Text
                key={t.type}
                {...pressed(q.type === t.type)}
                className={`jk-chip ${q.type === t.type ? 'jk-chip--on' : ''}`}
                onClick={() => setQuestion(i, { type: t.type })}
              >
                {t.label}
              </Text>
            ))}
          </View>
          {q.type === 'select' &&
            text('选项', `form.${i}.options`, q.options, (v) => setQuestion(i, { options: v }), '用、分开，如：本科、硕士')}
          {err(`form.${i}.name`)}
          <View className="edit__switch">
            <Switch label="必须回答" checked={q.required} onChange={(v) => setQuestion(i, { required: v })} />
          </View>
        </View>
      ))}
      {err('form')}
      <Text className="edit__add" {...role('button')} onClick={() => set('questions', [...form.questions, blankQuestion()])}>
        ＋ 添加问题
      </Text>

      <Text className="jk-section-title">关联资讯（选填）</Text>
      <View className="jk-chips edit__news">
        <Text {...pressed(!form.newsId)} className={`jk-chip ${form.newsId ? '' : 'jk-chip--on'}`} onClick={() => set('newsId', null)}>
          不关联
        </Text>
        {[...news, ...(form.newsId && !news.some((n) => n.id === form.newsId) ? [{ id: form.newsId, title: '已关联的资讯' }] : [])].map(
          (n) => (
            <Text
              key={n.id}
              {...pressed(form.newsId === n.id)}
              className={`jk-chip ${form.newsId === n.id ? 'jk-chip--on' : ''}`}
              onClick={() => set('newsId', n.id)}
            >
              {n.title}
            </Text>
          ),
        )}
      </View>
      {err('newsId')}

      <Text className="jk-section-title">场次</Text>
      {err('sessions')}
      {form.sessions.map((s, i) => (
        <View key={s.id ?? `new-${i}`} className="jk-card edit__session">
          <View className="edit__session-head">
            <Text className="jk-card__title">第 {i + 1} 场</Text>
            {!s.id && form.sessions.length > 1 && (
              <Text
                className="edit__remove"
                {...role('button')}
                onClick={() =>
                  set(
                    'sessions',
                    form.sessions.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </Text>
            )}
          </View>
          {err(`sessions.${i}`)}
          {text('场次开始', `sessions.${i}.startAt`, s.start, (v) => setSession(i, 'start', v), '2026-09-12 09:00')}
          {text('场次结束', `sessions.${i}.endAt`, s.end, (v) => setSession(i, 'end', v), '2026-09-12 12:00')}
          {text('名额', `sessions.${i}.capacity`, s.capacity, (v) => setSession(i, 'capacity', v))}
          {text('报名开始', `sessions.${i}.signupOpensAt`, s.opens, (v) => setSession(i, 'opens', v), '不填则立即开放', true)}
          {text('报名截止', `sessions.${i}.signupClosesAt`, s.closes, (v) => setSession(i, 'closes', v), '不填则到场次开始', true)}
        </View>
      ))}
      <Text
        className="edit__add"
        {...role('button')}
        onClick={() => {
          const last = form.sessions.at(-1);
          set('sessions', [
            ...form.sessions,
            { start: last?.end ?? form.start, end: form.end, capacity: last?.capacity ?? '100', opens: '', closes: '' },
          ]);
        }}
      >
        ＋ 添加场次
      </Text>
      <Button type="primary" size="large" block disabled={saving} onClick={submit}>
        {id ? '保存修改' : '创建活动'}
      </Button>
    </View>
  );
}
