import { View, Text, Input } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { BOOKING_STATUS_LABELS, closeSlotBodySchema } from '@jingkai/shared';
import { closeSlot, fetchStaffDay, markNoShow } from '../../services/api';
import { useStaffServices } from '../../hooks/useStaffServices';
import { toast, toastError } from '../../utils/toast';
import { downloadAndOpen } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatTime } from '../../utils/format';
import { addDays, dateChip, monthOf, shanghaiToday } from '../../utils/dates';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { pressed } from '../../utils/a11y';
import './index.scss';

/** 张科长's morning: the day's list of his service with counts per slot, and 未到场 after a slot starts. */
export default function StaffDay() {
  const { pageClass } = useElderMode();
  const today = shanghaiToday();
  const [date, setDate] = useState(today);
  const [serviceId, setServiceId] = useState<string>();
  const scope = useStaffServices();
  const current = serviceId ?? scope.data?.[0]?.id;
  const shownFor = `${current}|${date}`;
  const day = useRequest(async () => (current ? { for: shownFor, ...(await fetchStaffDay(current, date)) } : undefined), [current, date]);
  // While another day or service loads, the last list is not shown: 停办 on it would close the wrong slot.
  const list = day.data?.for === shownFor ? day.data : undefined;
  usePullDownRefresh(async () => {
    await day.reload();
    Taro.stopPullDownRefresh();
  });

  const [exporting, setExporting] = useState(false);
  const exportRange = async (from: string, to: string) => {
    if (!current) return;
    setExporting(true);
    try {
      await downloadAndOpen('/api/staff/bookings/export', { serviceId: current, from, to });
    } finally {
      setExporting(false);
    }
  };
  const month = monthOf(date);

  const [closing, setClosing] = useState<string>();
  const [reason, setReason] = useState('');
  const close = async (slotId: string) => {
    const parsed = closeSlotBodySchema.safeParse({ reason });
    if (!parsed.success) return toast(parsed.error.issues[0]!.message, 1500);
    try {
      const r = await closeSlot(slotId, parsed.data.reason);
      toast(r.cancelled ? `已停办，${r.cancelled} 个预约已取消并通知` : '已停办');
      setClosing(undefined);
      await day.reload();
    } catch (e) {
      toastError(e);
    }
  };

  const noShow = async (id: string) => {
    try {
      await markNoShow(id);
      await day.reload();
    } catch (e) {
      toastError(e);
    }
  };

  return (
    <View className={`${pageClass} staff-day`}>
      <View className="jk-chips">
        {scope.data?.map((s) => (
          <View
            key={s.id}
            {...pressed(current === s.id)}
            className={`jk-chip ${current === s.id ? 'jk-chip--on' : ''}`}
            onClick={() => setServiceId(s.id)}
          >
            {s.name}
          </View>
        ))}
      </View>
      <View className="jk-chips staff-day__dates">
        {[-1, 0, 1, 2, 3, 4, 5, 6].map((n) => {
          const d = addDays(today, n);
          const chip = dateChip(d, today);
          return (
            <View key={d} {...pressed(d === date)} className={`jk-chip ${d === date ? 'jk-chip--on' : ''}`} onClick={() => setDate(d)}>
              {n === -1 ? '昨天' : chip.week} {chip.day}
            </View>
          );
        })}
      </View>
      <PageState
        loading={(scope.loading || day.loading) && !list}
        error={list ? undefined : (day.error ?? scope.error)}
        empty={!!list && list.slots.length === 0}
        emptyText="这一天没有时段"
        onRetry={day.reload}
      />
      {list?.slots.map((s) => (
        <View key={s.id} className="jk-card">
          <Text className="staff-day__site">{s.siteName}</Text>
          <Text className="staff-day__slot">
            {formatTime(s.start)}-{formatTime(s.end)} · 已约 {s.confirmed + s.served + s.noShow}/{s.capacity} ·{' '}
            {BOOKING_STATUS_LABELS.served} {s.served} · {BOOKING_STATUS_LABELS.no_show} {s.noShow}
          </Text>
          {s.closedReason ? (
            <Text className="staff-day__closed">已停办：{s.closedReason}</Text>
          ) : (
            Date.parse(s.start) > Date.now() &&
            (closing === s.id ? (
              <View className="staff-day__close">
                <Input
                  className="jk-field__input"
                  value={reason}
                  placeholder="停办原因，市民会看到（如：工作人员培训）"
                  onInput={(e) => setReason(e.detail.value)}
                />
                <Button size="small" type="danger" onClick={() => close(s.id)}>
                  确认停办
                </Button>
                <Button size="small" fill="none" onClick={() => setClosing(undefined)}>
                  不停办了
                </Button>
              </View>
            ) : (
              <Button size="small" fill="outline" type="danger" onClick={() => (setClosing(s.id), setReason(''))}>
                停办这个时段
              </Button>
            ))
          )}
          {list.items
            .filter((b) => b.slotId === s.id && b.status !== 'cancelled')
            .map((b) => (
              <View key={b.id} className="staff-day__row">
                <Text className="staff-day__who">
                  {b.code} {b.forName} {String(b.form.phone ?? b.form.guardianPhone ?? '')}
                  {b.answers
                    .filter((a) => a.name !== 'name' && a.name !== 'childName' && !/phone/i.test(a.name))
                    .map((a) => ` · ${a.label}：${a.value}`)
                    .join('')}
                </Text>
                <Text className="staff-day__status">{BOOKING_STATUS_LABELS[b.status]}</Text>
                {b.status === 'confirmed' && Date.parse(b.start) <= Date.now() && (
                  <Button size="small" fill="outline" type="danger" onClick={() => noShow(b.id)}>
                    未到场
                  </Button>
                )}
              </View>
            ))}
        </View>
      ))}
      <Button type="primary" size="large" block onClick={() => go(PAGES.staffVerify)}>
        扫码 / 输入预约码核验
      </Button>
      {current && (
        <View className="staff-day__tools">
          <Button fill="outline" type="primary" block onClick={() => go(PAGES.staffSchedule, { serviceId: current })}>
            排班与加开
          </Button>
          <Button fill="outline" type="primary" block disabled={exporting} onClick={() => exportRange(date, addDays(date, 6))}>
            导出 {date} 起 7 天名单（Excel）
          </Button>
          <Button fill="outline" type="primary" block disabled={exporting} onClick={() => exportRange(month.from, month.to)}>
            导出 {month.label} 名单（Excel）
          </Button>
          <Text className="jk-muted">导出的身份证号始终隐去中间位，每次导出都会记录。</Text>
        </View>
      )}
    </View>
  );
}
