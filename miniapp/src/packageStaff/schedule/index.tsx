import { View, Text, Input, Picker } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { adminSlotBodySchema, scheduleBodySchema, type AdminSlotBody, type ScheduleBody } from '@jingkai/shared';
import { addSchedule, addSlot, fetchService } from '../../services/api';
import { useStaffServices } from '../../hooks/useStaffServices';
import { toast } from '../../utils/toast';
import { ApiError } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import { addDays, shanghaiToday } from '../../utils/dates';
import './index.scss';
import { pressed } from '../../utils/a11y';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
type Mode = 'weekly' | 'once';

/**
 * Staff open the coming weeks for booking: a weekly schedule (weekdays, times, places, skipping
 * holidays), or one extra slot. Slots that already exist are kept, so a schedule can be re-applied.
 */
export default function Schedule() {
  const { pageClass } = useElderMode();
  const params = useRouteParams('serviceId');
  const today = shanghaiToday();
  const scope = useStaffServices();
  const [serviceId, setServiceId] = useState<string | undefined>(params.serviceId || undefined);
  const current = serviceId ?? scope.data?.[0]?.id;
  const detail = useRequest(async () => (current ? fetchService(current) : undefined), [current]);
  const [siteId, setSiteId] = useState<string>();
  const site = siteId ?? detail.data?.sites[0]?.id;

  const [mode, setMode] = useState<Mode>('weekly');
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [times, setTimes] = useState([{ start: '09:00', end: '10:00' }]);
  const [capacity, setCapacity] = useState('10');
  const [from, setFrom] = useState(addDays(today, 1));
  const [to, setTo] = useState(addDays(today, 14));
  const [skipDates, setSkipDates] = useState<string[]>([]);
  const [once, setOnce] = useState({ date: addDays(today, 1), start: '14:00', end: '15:00' });
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const toggleDay = (d: number) => setWeekdays((w) => (w.includes(d) ? w.filter((x) => x !== d) : [...w, d].sort()));
  const setTime = (i: number, key: 'start' | 'end', v: string) => setTimes((ts) => ts.map((t, j) => (j === i ? { ...t, [key]: v } : t)));

  const submit = async () => {
    if (!current || !site) return;
    setError(undefined);
    const body =
      mode === 'weekly'
        ? scheduleBodySchema.safeParse({
            serviceId: current,
            siteId: site,
            from,
            to,
            weekdays,
            times,
            capacity: Number(capacity),
            skipDates,
          })
        : adminSlotBodySchema.safeParse({
            serviceId: current,
            siteId: site,
            start: `${once.date}T${once.start}:00+08:00`,
            end: `${once.date}T${once.end}:00+08:00`,
            capacity: Number(capacity),
          });
    if (!body.success) return setError(body.error.issues[0]!.message);
    setSaving(true);
    try {
      if (mode === 'weekly') {
        const r = await addSchedule(body.data as ScheduleBody);
        toast(`已开放 ${r.created} 个时段`);
      } else {
        await addSlot(body.data as AdminSlotBody);
        toast('已加开 1 个时段');
      }
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : '没有成功，请稍后再试');
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className={`${pageClass} schedule`}>
      <View className="jk-chips">
        {scope.data?.map((s) => (
          <Text
            key={s.id}
            {...pressed(current === s.id)}
            className={`jk-chip ${current === s.id ? 'jk-chip--on' : ''}`}
            onClick={() => (setServiceId(s.id), setSiteId(undefined))}
          >
            {s.name}
          </Text>
        ))}
      </View>
      <Text className="jk-field__label">服务点</Text>
      <View className="jk-chips">
        {detail.data?.sites.map((s) => (
          <Text
            key={s.id}
            {...pressed(site === s.id)}
            className={`jk-chip ${site === s.id ? 'jk-chip--on' : ''}`}
            onClick={() => setSiteId(s.id)}
          >
            {s.name}
          </Text>
        ))}
      </View>

      <View className="jk-chips schedule__modes">
        <Text
          {...pressed(mode === 'weekly')}
          className={`jk-chip ${mode === 'weekly' ? 'jk-chip--on' : ''}`}
          onClick={() => setMode('weekly')}
        >
          每周排班
        </Text>
        <Text {...pressed(mode === 'once')} className={`jk-chip ${mode === 'once' ? 'jk-chip--on' : ''}`} onClick={() => setMode('once')}>
          单次加开
        </Text>
      </View>

      {mode === 'weekly' ? (
        <View className="jk-card schedule__card">
          <Text className="jk-field__label">每周哪几天</Text>
          <View className="jk-chips">
            {WEEKDAYS.map((w, i) => (
              <Text
                key={w}
                {...pressed(weekdays.includes(i + 1))}
                className={`jk-chip ${weekdays.includes(i + 1) ? 'jk-chip--on' : ''}`}
                onClick={() => toggleDay(i + 1)}
              >
                周{w}
              </Text>
            ))}
          </View>
          <Text className="jk-field__label">时段</Text>
          {times.map((t, i) => (
            <View key={i} className="schedule__time">
              <Picker mode="time" value={t.start} onChange={(e) => setTime(i, 'start', e.detail.value)}>
                <Text className="schedule__pick">{t.start}</Text>
              </Picker>
              <Text>至</Text>
              <Picker mode="time" value={t.end} onChange={(e) => setTime(i, 'end', e.detail.value)}>
                <Text className="schedule__pick">{t.end}</Text>
              </Picker>
              {times.length > 1 && (
                <Text className="schedule__remove" onClick={() => setTimes((ts) => ts.filter((_, j) => j !== i))}>
                  删除
                </Text>
              )}
            </View>
          ))}
          <Text className="schedule__add" onClick={() => setTimes((ts) => [...ts, { start: ts.at(-1)!.end, end: ts.at(-1)!.end }])}>
            ＋ 添加时段
          </Text>
          <View className="schedule__time">
            <Text>从</Text>
            <Picker mode="date" value={from} start={today} onChange={(e) => setFrom(e.detail.value)}>
              <Text className="schedule__pick">{from}</Text>
            </Picker>
            <Text>到</Text>
            <Picker mode="date" value={to} start={from} onChange={(e) => setTo(e.detail.value)}>
              <Text className="schedule__pick">{to}</Text>
            </Picker>
          </View>
          <Text className="jk-field__label">节假日不开放</Text>
          <View className="jk-chips">
            {skipDates.map((d) => (
              <Text key={d} className="jk-chip jk-chip--on" onClick={() => setSkipDates((s) => s.filter((x) => x !== d))}>
                {d} ✕
              </Text>
            ))}
            <Picker
              mode="date"
              value={from}
              start={from}
              end={to}
              onChange={(e) => setSkipDates((s) => [...new Set([...s, e.detail.value])].sort())}
            >
              <Text className="jk-chip jk-chip--add">＋ 选日期</Text>
            </Picker>
          </View>
        </View>
      ) : (
        <View className="jk-card schedule__card">
          <View className="schedule__time">
            <Picker mode="date" value={once.date} start={today} onChange={(e) => setOnce({ ...once, date: e.detail.value })}>
              <Text className="schedule__pick">{once.date}</Text>
            </Picker>
            <Picker mode="time" value={once.start} onChange={(e) => setOnce({ ...once, start: e.detail.value })}>
              <Text className="schedule__pick">{once.start}</Text>
            </Picker>
            <Text>至</Text>
            <Picker mode="time" value={once.end} onChange={(e) => setOnce({ ...once, end: e.detail.value })}>
              <Text className="schedule__pick">{once.end}</Text>
            </Picker>
          </View>
        </View>
      )}

      <View className="jk-field">
        <Text className="jk-field__label">每个时段名额</Text>
        <Input className="jk-field__input" type="number" value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
      </View>
      {error && <Text className="jk-field__error">{error}</Text>}
      <Button type="primary" size="large" block disabled={saving || !site} onClick={submit}>
        {mode === 'weekly' ? '开放这些时段' : '加开这个时段'}
      </Button>
    </View>
  );
}
