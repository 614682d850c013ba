import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { SERVICE_KIND_LABELS } from '@jingkai/shared';
import { fetchServices } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { ownTap } from '../../utils/tap';
import './index.scss';

export default function Services() {
  const { pageClass } = useElderMode();
  const list = useRequest(fetchServices);
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });

  return (
    <View className={`${pageClass} services`}>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        onRetry={list.reload}
      />
      {list.data?.items.map((s) => {
        const open = () => go(PAGES.service, { id: s.id });
        return (
          // No role of its own: its 在线预约 and 电话预约 buttons are the keyboard's way in (a button
          // inside a button is no control at all to a screen reader).
          <View key={s.id} className="services__card" onClick={open}>
            <Text className="services__name">{SERVICE_KIND_LABELS[s.kind] ?? s.name}</Text>
            <Text className="services__summary">{s.summary}</Text>
            <Text className="jk-muted">{s.siteCount} 个服务点</Text>
            <View className="services__actions">
              <Button type="primary" size="large" onClick={ownTap(open)}>
                在线预约
              </Button>
              <Button fill="outline" type="primary" size="large" onClick={ownTap(() => void Taro.makePhoneCall({ phoneNumber: s.phone }))}>
                电话预约
              </Button>
            </View>
          </View>
        );
      })}
    </View>
  );
}
