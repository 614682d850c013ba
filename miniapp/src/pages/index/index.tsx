import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { BRAND, HOTLINE } from '../../config';
import { fetchEvents, fetchLatestNews, fetchServices } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import NewsItem from '../../components/NewsItem';
import Switch from '../../components/Switch';
import PageState from '../../components/PageState';
import { formatDateTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { role } from '../../utils/a11y';
import './index.scss';

const ENTRIES = [
  { key: 'elderly-meal', label: '老年助餐', hint: '社区、村里吃饭' },
  { key: 'insurance-doorstep', label: '医保上门办', hint: '行动不便上门办' },
  { key: 'insurance-appointment', label: '医保预约办', hint: '到厅不排队' },
  { key: 'childcare', label: '托育服务', hint: '15分钟托育圈' },
];

/** 长辈版 首页: three big buttons, 有问题？反映一下 and the hotline, nothing else. */
const ELDER_ENTRIES = [
  { key: 'elderly-meal', label: '老年助餐' },
  { key: 'insurance-doorstep', label: '医保上门办' },
  { key: 'childcare', label: '托育' },
];

export default function Home() {
  const { pageClass, elder, setElder } = useElderMode();
  const news = useRequest(fetchLatestNews);
  const events = useRequest(() => fetchEvents('upcoming'));
  const services = useRequest(fetchServices);
  const openKind = (kind: string) => {
    const svc = services.data?.items.find((s) => s.kind === kind);
    if (svc) go(PAGES.service, { id: svc.id });
    else go(PAGES.services);
  };
  usePullDownRefresh(async () => {
    await Promise.all([news.reload(), events.reload()]);
    Taro.stopPullDownRefresh();
  });
  useShareAppMessage(() => ({ title: `${BRAND.name} · ${BRAND.orgFull}`, path: PAGES.home }));
  const next = events.data?.items[0];
  const call = () => Taro.makePhoneCall({ phoneNumber: HOTLINE });
  const brand = (
    <View className="home__brand">
      <Text className="home__brand-name">{BRAND.name}</Text>
      <Text className="home__brand-org">{BRAND.orgFull} · 政务服务</Text>
    </View>
  );
  const elderSwitch = (
    <View className="home__elder">
      <Switch label="长辈版" checked={elder} onChange={setElder} />
    </View>
  );

  if (elder) {
    return (
      <View className={`${pageClass} home`}>
        {brand}
        {elderSwitch}
        <View className="home__big">
          {ELDER_ENTRIES.map((e) => (
            <Button key={e.key} type="primary" size="xlarge" block className="home__big-btn" onClick={() => openKind(e.key)}>
              {e.label}
            </Button>
          ))}
          <Button fill="outline" type="primary" size="xlarge" block className="home__big-btn" onClick={() => go(PAGES.requestNew)}>
            有问题？反映一下
          </Button>
          <Button fill="outline" type="primary" size="xlarge" block className="home__big-btn" onClick={call}>
            拨打 {HOTLINE} 热线
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className={`${pageClass} home`}>
      {brand}
      {elderSwitch}

      <View className="home__entries">
        {ENTRIES.map((e) => (
          <View {...role('button')} key={e.key} className="home__entry" hoverClass="home__entry--pressed" onClick={() => openKind(e.key)}>
            <Text className="home__entry-label">{e.label}</Text>
            <Text className="home__entry-hint">{e.hint}</Text>
          </View>
        ))}
      </View>

      <View {...role('button')} className="home__report" hoverClass="jk-pressed" onClick={() => go(PAGES.requestNew)}>
        <Text className="home__report-title">有问题？反映一下</Text>
        <Text className="home__report-hint">吃饭晚了、场馆没开门……告诉我们，限时答复</Text>
      </View>

      {next && (
        <View {...role('button')} className="home__event" onClick={() => go(PAGES.events)}>
          <Text className="home__event-tag">近期活动</Text>
          <Text className="home__event-title">{next.title}</Text>
          <Text className="home__event-time">
            {formatDateTime(next.startAt)} · {next.venue}
          </Text>
        </View>
      )}

      {news.data?.pinned.map((article) => (
        <View key={article.id} className="home__latest">
          <Text className="home__latest-tag home__latest-tag--pinned">置顶</Text>
          <NewsItem item={article} />
        </View>
      ))}
      <Text className="jk-section-title">各栏目最新</Text>
      <PageState
        loading={news.loading && !news.data}
        error={news.data ? undefined : news.error}
        empty={news.data?.items.length === 0}
        onRetry={news.reload}
      />
      {news.data?.items.map(({ category, label, article }) => (
        <View key={category} className="home__latest">
          <Text className="home__latest-tag">{label}</Text>
          <NewsItem item={article} showCategory={false} />
        </View>
      ))}
      {news.data && news.data.items.length > 0 && (
        <Button fill="outline" type="primary" block onClick={() => go(PAGES.news)}>
          查看全部资讯
        </Button>
      )}

      <View className="home__hotline">
        <Text className="jk-muted">不会用手机办？打电话也能办</Text>
        <Button type="primary" size="large" block onClick={call}>
          拨打 {HOTLINE} 政务服务热线
        </Button>
      </View>
    </View>
  );
}
