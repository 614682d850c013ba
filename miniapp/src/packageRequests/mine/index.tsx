import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ensureLogin } from '../../services/auth';
import { fetchMyRequests } from '../../services/requests';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import RequestCard from '../../components/RequestCard';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import './index.scss';

/** 我的诉求: newest first, each with its status, number and deadline (late ones flagged). */
export default function MyRequests() {
  const { pageClass } = useElderMode();
  const list = useRequest(async () => {
    await ensureLogin();
    return fetchMyRequests();
  });
  useDidShow(() => void list.reload());
  return (
    <View className={`${pageClass} rq-mine`}>
      <Button type="primary" size="large" block onClick={() => go(PAGES.requestNew)}>
        我要反映问题
      </Button>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        emptyText="还没有提交过诉求"
        onRetry={list.reload}
      />
      {list.data?.items.map((r) => (
        <RequestCard key={r.id} r={r} onClick={() => go(PAGES.requestDetail, { id: r.id })} />
      ))}
    </View>
  );
}
