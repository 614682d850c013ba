import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { Tabs } from '@nutui/nutui-react-taro';
import { NEWS_CATEGORIES, type NewsCategory } from '@jingkai/shared';
import { fetchNews } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import NewsItem from '../../components/NewsItem';
import PageState from '../../components/PageState';

const TABS: { value: NewsCategory | 'all'; label: string }[] = [{ value: 'all', label: '全部' }, ...NEWS_CATEGORIES];

export default function News() {
  const { pageClass } = useElderMode();
  const [tab, setTab] = useState<NewsCategory | 'all'>('all');
  const list = useRequest(() => fetchNews({ category: tab === 'all' ? undefined : tab, pageSize: 20 }), [tab]);
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });

  return (
    <View className={pageClass}>
      <Tabs value={tab} onChange={(v) => setTab(v as NewsCategory | 'all')} activeType="line" align="left">
        {TABS.map((t) => (
          <Tabs.TabPane key={t.value} title={t.label} value={t.value} />
        ))}
      </Tabs>
      <View style={{ marginTop: '12px' }}>
        <PageState
          loading={list.loading && !list.data}
          error={list.data ? undefined : list.error}
          empty={list.data?.items.length === 0}
          emptyText="这个栏目还没有文章"
          onRetry={list.reload}
        />
        {list.data?.items.map((item) => (
          <NewsItem key={item.id} item={item} />
        ))}
      </View>
    </View>
  );
}
