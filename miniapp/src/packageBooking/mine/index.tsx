import { View, Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { BOOKING_STATUS_LABELS } from '@jingkai/shared';
import { fetchMyBookings } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDateTime, formatTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { role } from '../../utils/a11y';
import './index.scss';

export default function MyBookings() {
  const { pageClass } = useElderMode();
  const list = useRequest(async () => {
    await ensureLogin();
    return fetchMyBookings();
  });
  useDidShow(() => void list.reload());
  return (
    <View className={`${pageClass} bk-mine`}>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        emptyText="还没有预约"
        onRetry={list.reload}
      />
      {list.data?.items.map((b) => (
        <View {...role('button')} key={b.id} className="bk-mine__item" onClick={() => go(PAGES.bookingDetail, { id: b.id })}>
          <View className="bk-mine__row">
            <Text className="bk-mine__service">{b.serviceName}</Text>
            <Text className={`bk-mine__status bk-mine__status--${b.status}`}>{BOOKING_STATUS_LABELS[b.status]}</Text>
          </View>
          <Text className="bk-mine__line">
            {formatDateTime(b.start)}-{formatTime(b.end)}
          </Text>
          <Text className="bk-mine__line">{b.siteName}</Text>
          <Text className="bk-mine__line">为 {b.forName} 预约</Text>
          <Text className="jk-muted">预约码 {b.code}</Text>
        </View>
      ))}
    </View>
  );
}
