import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Tag } from '@nutui/nutui-react-taro';
import { EVENT_CATEGORY_LABELS } from '@jingkai/shared';
import { fetchEvents } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDateTime } from '../../utils/format';
import './index.scss';

export default function Events() {
  const { pageClass } = useElderMode();
  const list = useRequest(() => fetchEvents('upcoming'));
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });

  return (
    <View className={`${pageClass} events`}>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        emptyText="近期没有活动，敬请期待"
        onRetry={list.reload}
      />
      {list.data?.items.map((e) => (
        <View key={e.id} className="jk-card">
          <View className="events__head">
            <Tag type="primary">{EVENT_CATEGORY_LABELS[e.category]}</Tag>
            <Text className="events__title">{e.title}</Text>
          </View>
          <Text className="events__line">时间：{formatDateTime(e.startAt)} 起</Text>
          <Text className="events__line">地点：{e.venue}</Text>
        </View>
      ))}
    </View>
  );
}
