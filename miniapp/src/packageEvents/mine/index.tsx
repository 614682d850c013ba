import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { REGISTRATION_STATUS_LABELS } from '@jingkai/shared';
import { fetchMyRegistrations } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDateTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { role } from '../../utils/a11y';
import './index.scss';

/** 我的报名: every registration, newest first, with its tickets one tap away. */
export default function MyRegistrations() {
  const { pageClass } = useElderMode();
  const list = useRequest(async () => {
    await ensureLogin();
    return fetchMyRegistrations();
  });
  useDidShow(() => void (list.data && list.reload()));
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <View className={`${pageClass} myreg`}>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        emptyText="还没有报名活动，去“活动”看看吧"
        onRetry={list.reload}
      />
      {list.data?.items.map((r) => {
        const people = r.attendees.filter((a) => a.status === 'active').length;
        return (
          <View
            {...role('button')}
            key={r.id}
            className="jk-card myreg__card"
            hoverClass="jk-pressed"
            onClick={() => go(PAGES.registration, { id: r.id })}
          >
            <View className="myreg__head">
              <Text className="myreg__title">{r.eventTitle}</Text>
              <Text className={`myreg__status myreg__status--${r.status}`}>
                {REGISTRATION_STATUS_LABELS[r.status]}
                {r.status === 'waitlisted' && r.position ? ` 第 ${r.position} 位` : ''}
              </Text>
            </View>
            <Text className="myreg__line">{formatDateTime(r.startAt)}</Text>
            <Text className="myreg__line">
              {r.status === 'cancelled' ? `${r.attendees.length} 人` : `${people} 人`}
              {r.status === 'confirmed' ? ` · ${r.tickets.filter((t) => t.status === 'valid').length} 张电子票` : ''}
            </Text>
            {r.status === 'confirmed' && <Text className="myreg__more">出示电子票 ›</Text>}
          </View>
        );
      })}
    </View>
  );
}
