import { View, Text } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { toIso } from '@jingkai/shared';
import { fetchEventCounts } from '../../services/events-staff';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatTime } from '../../utils/format';
import './index.scss';

const REFRESH_MS = 10_000;

/** Live counts per session for the event's staff: tickets, waitlist, already in. Refreshes every 10 s while shown. */
export default function EventCounts() {
  const { pageClass } = useElderMode();
  const { eventId } = useRouteParams('eventId');
  const counts = useRequest(() => fetchEventCounts(eventId), [eventId]);
  const [shown, setShown] = useState(true);
  const [at, setAt] = useState<string>();
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  useEffect(() => {
    if (counts.data) setAt(toIso(new Date()));
  }, [counts.data]);
  const { reload, loading } = counts;
  useEffect(() => {
    if (!shown || loading) return;
    const t = setTimeout(() => void reload(), REFRESH_MS);
    return () => clearTimeout(t);
  }, [shown, loading, reload]);

  const data = counts.data;
  return (
    <View className={`${pageClass} counts`}>
      <PageState loading={counts.loading && !data} error={data ? undefined : counts.error} onRetry={counts.reload} />
      {data && (
        <>
          <Text className="jk-section-title">{data.title}</Text>
          {data.sessions.map((s) => (
            <View key={s.id} className="jk-card counts__card">
              <Text className="jk-card__title">{s.label}</Text>
              <View className="counts__row">
                <View className="counts__cell">
                  <Text className="counts__num counts__num--in">{s.checkedIn}</Text>
                  <Text className="jk-muted">已入场</Text>
                </View>
                <View className="counts__cell">
                  <Text className="counts__num">
                    {s.tickets}/{s.capacity}
                  </Text>
                  <Text className="jk-muted">已报名/名额</Text>
                </View>
                <View className="counts__cell">
                  <Text className="counts__num">{s.waitlist}</Text>
                  <Text className="jk-muted">候补</Text>
                </View>
              </View>
              <Text className="jk-muted">未入场 {Math.max(0, s.tickets - s.checkedIn)} 人</Text>
            </View>
          ))}
          <Text className="jk-muted">每 10 秒自动刷新{at ? `，更新于 ${formatTime(at)}` : ''}</Text>
        </>
      )}
    </View>
  );
}
