import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { SearchBar, Tabs } from '@nutui/nutui-react-taro';
import { NEWS_CATEGORIES, NEWS_QUERY_MAX, type NewsCategory } from '@jingkai/shared';
import { usePagedNews } from '../../hooks/usePagedNews';
import { useElderMode } from '../../hooks/useElderMode';
import NewsItem from '../../components/NewsItem';
import PageState from '../../components/PageState';
import { pushRecent, savedAtLabel } from '../../utils/news';
import { PAGES } from '../../utils/route';
import './index.scss';

const TABS: { value: NewsCategory | 'all'; label: string }[] = [{ value: 'all', label: '全部' }, ...NEWS_CATEGORIES];
const RECENT_KEY = 'jk.news.recent';

export default function News() {
  const { pageClass } = useElderMode();
  const [tab, setTab] = useState<NewsCategory | 'all'>('all');
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [focused, setFocused] = useState(false);
  const [recent, setRecent] = useState<string[]>(() => (Taro.getStorageSync(RECENT_KEY) as string[] | '') || []);
  const list = usePagedNews(tab === 'all' ? undefined : tab, q);

  usePullDownRefresh(async () => {
    await list.refresh();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => void list.more());
  useShareAppMessage(() => ({ title: '经开区资讯', path: PAGES.news }));

  const search = (text: string) => {
    const t = text.trim().slice(0, NEWS_QUERY_MAX);
    setInput(t);
    setQ(t);
    setFocused(false);
    if (t) {
      const next = pushRecent(recent, t);
      setRecent(next);
      Taro.setStorageSync(RECENT_KEY, next);
    }
  };
  const clearRecent = () => {
    setRecent([]);
    Taro.removeStorageSync(RECENT_KEY);
  };

  return (
    <View className={`${pageClass} news`}>
      <SearchBar
        className="news__search"
        shape="round"
        placeholder="搜索资讯，如：托育、赛马节"
        inputProps={{ nativeProps: { 'aria-label': '搜索资讯' } }}
        value={input}
        maxLength={NEWS_QUERY_MAX}
        onChange={(v) => setInput(v)}
        onSearch={search}
        onFocus={() => setFocused(true)}
        onClear={() => search('')}
        rightIn={
          <Text className="news__search-go" onClick={() => search(input)}>
            搜索
          </Text>
        }
      />
      {focused && !input && recent.length > 0 && (
        <View className="news__recent">
          <View className="news__recent-head">
            <Text className="jk-muted">最近搜索</Text>
            <Text className="news__recent-clear" onClick={clearRecent}>
              清除
            </Text>
          </View>
          <View className="jk-chips">
            {recent.map((r) => (
              <Text key={r} className="jk-chip" onClick={() => search(r)}>
                {r}
              </Text>
            ))}
          </View>
        </View>
      )}
      <Tabs value={tab} onChange={(v) => setTab(v as NewsCategory | 'all')} activeType="line" align="left">
        {TABS.map((t) => (
          <Tabs.TabPane key={t.value} title={t.label} value={t.value} />
        ))}
      </Tabs>
      {q && (
        <View className="news__result">
          <Text>
            “{q}”{list.loading && !list.items.length ? ' 搜索中…' : ` 找到 ${list.total} 篇`}
          </Text>
          <Text className="news__recent-clear" onClick={() => search('')}>
            清除搜索
          </Text>
        </View>
      )}
      {list.savedAt && <Text className="news__offline">网络不太好，显示的是 {savedAtLabel(list.savedAt)} 保存的内容，下拉可刷新</Text>}
      <View className="news__list">
        <PageState
          loading={list.loading && list.items.length === 0}
          error={list.items.length ? undefined : list.error}
          empty={!list.loading && list.items.length === 0}
          emptyText={q ? '没有找到相关文章，换个词试试' : '这个栏目还没有文章'}
          onRetry={list.refresh}
        />
        {list.items.map((item) => (
          <NewsItem key={item.id} item={item} showCategory={tab === 'all'} />
        ))}
        {list.items.length > 0 && (
          <Text className="news__end">
            {list.done ? '没有更多了' : list.loading ? '加载中…' : list.error ? '加载失败，上拉重试' : '上拉加载更多'}
          </Text>
        )}
      </View>
    </View>
  );
}
