import { View, Text } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { REGISTRATION_STATUS_LABELS, type RegistrationView, type TicketView } from '@jingkai/shared';
import { cancelRegistration, fetchRegistration } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { ApiError } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import QrCode from '../../components/QrCode';
import RatingFaces from '../../components/RatingFaces';
import ReportLink from '../../components/ReportLink';
import { rateRegistration } from '../../services/requests';
import { formatDateTime, formatTime } from '../../utils/format';
import { confirm, explain } from '../../utils/modal';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { toastDone } from '../../utils/toast';
import './index.scss';

const saved = (id: string) => `jk-registration-${id}`;

/**
 * The registration with its tickets, kept on the phone: at a gate on the grassland the network comes
 * and goes, so the last answer is saved and shown when the network is away.
 */
async function loadRegistration(id: string): Promise<{ r: RegistrationView; offline: boolean }> {
  try {
    await ensureLogin();
    const r = await fetchRegistration(id);
    Taro.setStorageSync(saved(id), r);
    return { r, offline: false };
  } catch (e) {
    const kept = Taro.getStorageSync(saved(id)) as RegistrationView | '';
    if (kept && e instanceof ApiError && (e.status === 0 || e.status >= 500)) return { r: kept, offline: true };
    throw e;
  }
}

/**
 * Bright and awake while a ticket is shown, so the gate's scanner reads it at once; the citizen's
 * own brightness comes back when they leave. The H5 preview has neither and is left as it is.
 */
function useTicketScreen(active: boolean) {
  const before = useRef<number | null>(null);
  const on = async () => {
    if (!active || before.current !== null) return;
    try {
      before.current = (await Taro.getScreenBrightness()).value;
      await Taro.setScreenBrightness({ value: 1 });
      await Taro.setKeepScreenOn({ keepScreenOn: true });
    } catch {
      before.current = null;
    }
  };
  const off = () => {
    if (before.current === null) return;
    void Taro.setScreenBrightness({ value: before.current }).catch(() => undefined);
    void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    before.current = null;
  };
  useEffect(() => {
    if (active) void on();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  useDidShow(() => void on());
  useDidHide(off);
  useUnload(off);
}

function Ticket({ t }: { t: TicketView }) {
  if (t.status === 'revoked') {
    return (
      <View className="reg__ticket reg__ticket--dead">
        <Text className="reg__name">{t.attendee}</Text>
        <Text className="jk-muted">已取消，票已作废</Text>
      </View>
    );
  }
  return (
    <View className="reg__ticket">
      <Text className="reg__name">{t.attendee}</Text>
      {t.checkedInAt ? (
        <Text className="reg__used">已于 {formatDateTime(t.checkedInAt)} 入场</Text>
      ) : (
        <QrCode text={t.code} label={`${t.attendee}的电子票二维码`} size={440} />
      )}
    </View>
  );
}

export default function Registration() {
  const { pageClass } = useElderMode();
  const { id, fresh } = useRouteParams('id', 'fresh');
  const reg = useRequest(() => loadRegistration(id), [id]);
  const r = reg.data?.r;
  const liveTickets = r?.tickets.filter((t) => t.status === 'valid' && !t.checkedInAt) ?? [];
  useTicketScreen(liveTickets.length > 0);
  const open = r && r.status !== 'cancelled' && new Date(r.cancellableUntil) > new Date();
  const visited = r?.tickets.some((t) => t.checkedInAt) ?? false;
  const activeCount = r?.attendees.filter((a) => a.status === 'active').length ?? 0;

  const cancel = async (index?: number) => {
    if (!r) return;
    const whole = index === undefined || activeCount === 1;
    const who = index === undefined ? '' : r.attendees[index]!.name;
    const waiting = r.status === 'waitlisted';
    const sure = await confirm({
      title: whole ? (waiting ? '退出候补' : '取消报名') : `取消${who}`,
      content: whole
        ? waiting
          ? '确定不再排队候补了吗？'
          : '确定取消这次报名吗？所有人的电子票都会作废，名额会让给候补的人。'
        : `只取消${who}的名额，其他人的电子票照常有效。`,
      confirmText: waiting && whole ? '退出候补' : '确定取消',
      cancelText: '再想想',
      danger: true,
    });
    if (!sure) return;
    try {
      await cancelRegistration(r.id, whole ? undefined : [index!]);
      toastDone('已取消');
      await reg.reload();
    } catch (e) {
      explain('没有取消', e);
    }
  };

  return (
    <View className={`${pageClass} reg`}>
      <PageState loading={reg.loading && !r} error={r ? undefined : reg.error} onRetry={reg.reload} />
      {reg.data?.offline && <Text className="reg__offline">网络不可用，显示的是上次保存的电子票，可以正常入场</Text>}
      {r && (
        <>
          {fresh === '1' && r.status !== 'cancelled' && (
            <View className={`reg__banner reg__banner--${r.status}`}>
              <Text className="reg__banner-title">{r.status === 'confirmed' ? '报名成功' : `已进入候补，第 ${r.position ?? '-'} 位`}</Text>
              <Text className="reg__banner-text">
                {r.status === 'confirmed'
                  ? '入场时请每人出示自己的电子票。'
                  : '有人取消时按顺序自动递补，递补成功会通知您，电子票会出现在这里。'}
              </Text>
            </View>
          )}
          <View className="jk-card">
            <Text className="reg__title" onClick={() => go(PAGES.event, { id: r.eventId })}>
              {r.eventTitle}
            </Text>
            <Text className="reg__when">
              {formatDateTime(r.startAt)}-{formatTime(r.endAt)}
            </Text>
            <Text className="jk-muted">{r.venue}</Text>
            <Text className={`reg__status reg__status--${r.status}`}>
              {REGISTRATION_STATUS_LABELS[r.status]}
              {r.status === 'waitlisted' && r.position ? `：排在第 ${r.position} 位` : ''}
            </Text>
          </View>

          {r.tickets.length > 0 && (
            <View className="reg__tickets">
              {r.tickets.map((t) => (
                <Ticket key={t.index} t={t} />
              ))}
            </View>
          )}

          <View className="jk-card">
            <Text className="reg__section">参加人</Text>
            {r.attendees.map((a, i) => (
              <View key={i} className="reg__attendee">
                <View className="reg__who">
                  <Text className="reg__name">{a.name}</Text>
                  <Text className="jk-muted">{a.idNumber}</Text>
                </View>
                {a.status === 'cancelled' ? (
                  <Text className="jk-muted">已取消</Text>
                ) : (
                  open &&
                  activeCount > 1 && (
                    <Button size="small" fill="outline" type="danger" onClick={() => void cancel(i)}>
                      取消此人
                    </Button>
                  )
                )}
              </View>
            ))}
          </View>

          {open && !reg.data?.offline && (
            <View className="reg__actions">
              <Text className="jk-muted">{formatDateTime(r.cancellableUntil)} 前可取消</Text>
              <Button fill="outline" type="danger" size="large" block onClick={() => void cancel()}>
                {r.status === 'waitlisted' ? '退出候补' : '取消全部报名'}
              </Button>
            </View>
          )}
          {visited && !reg.data?.offline && (
            <RatingFaces
              rating={r.rating}
              title="您对这次活动满意吗？"
              submit={(body) => rateRegistration(r.id, body)}
              onRated={() => void reg.reload()}
            />
          )}
          {r.status === 'confirmed' && !visited && !reg.data?.offline && (
            <Text className="jk-muted reg__rate-later">入场核验后可以在这里评价这次活动</Text>
          )}
          <Button fill="none" size="large" block onClick={() => go(PAGES.myRegistrations)}>
            查看我的全部报名
          </Button>
          <ReportLink category="events" about={{ kind: 'registration', id: r.id }} />
        </>
      )}
    </View>
  );
}
