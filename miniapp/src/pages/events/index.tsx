import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { Tag } from '@nutui/nutui-react-taro';
import { EVENT_CATEGORIES, EVENT_CATEGORY_LABELS, type EventCategory, type EventSummary } from '@jingkai/shared';
import { fetchEvents } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDateTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { PHASE_LABELS, groupByPhase } from '../../utils/events';
import { role, pressed } from '../../utils/a11y';
import './index.scss';

function EventCard({ e }: { e: EventSummary }) {
  return (
    <View {...role('button')} className="jk-card events__card" hoverClass="jk-pressed" onClick={() => go(PAGES.event, { id: e.id })}>
      <View className="events__head">
        <Tag type="primary">{EVENT_CATEGORY_LABELS[e.category]}</Tag>
        <Text className="events__title">{e.title}</Text>
      </View>
      <Text className="events__line">时间：{formatDateTime(e.startAt)} 起</Text>
      <Text className="events__line">地点：{e.venue}</Text>
      <Text className="events__more">查看详情并报名 ›</Text>
    </View>
  );
}

export default function Events() {
  const { pageClass } = useElderMode();
  const [category, setCategory] = useState<EventCategory | 'all'>('all');
  const list = useRequest(async () => {
    const [coming, past] = await Promise.all([fetchEvents('upcoming'), fetchEvents('past', 10)]);
    return [...coming.items, ...past.items];
  });
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });
  const shown = (list.data ?? []).filter((e) => category === 'all' || e.category === category);
  const present = new Set((list.data ?? []).map((e) => e.category));
  const groups = groupByPhase(shown, new Date());

  return (
    <View className={`${pageClass} events`}>
      <View className="jk-chips events__filter">
        {(['all', ...EVENT_CATEGORIES] as const)
          .filter((c) => c === 'all' || present.has(c))
          .map((c) => (
            <View
              key={c}
              {...pressed(category === c)}
              className={`jk-chip ${category === c ? 'jk-chip--on' : ''}`}
              onClick={() => setCategory(c)}
            >
              {c === 'all' ? '全部' : EVENT_CATEGORY_LABELS[c]}
            </View>
          ))}
        <View {...role('button')} className="jk-chip jk-chip--add" onClick={() => go(PAGES.myRegistrations)}>
          我的报名
        </View>
      </View>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data !== undefined && shown.length === 0}
        emptyText="近期没有活动，敬请期待"
        onRetry={list.reload}
      />
      {groups.map((g) => (
        <View key={g.phase} className={`events__group events__group--${g.phase}`}>
          <Text className="events__phase">{PHASE_LABELS[g.phase]}</Text>
          {g.items.map((e) => (
            <EventCard key={e.id} e={e} />
          ))}
        </View>
      ))}
    </View>
  );
}
