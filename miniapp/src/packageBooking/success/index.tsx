import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { fetchBooking } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import BookingCard from '../../components/BookingCard';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import './index.scss';

export default function BookingSuccess() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const b = useRequest(() => fetchBooking(id), [id]);
  return (
    <View className={`${pageClass} bk-success`}>
      <Text className="bk-success__title">预约成功</Text>
      <Text className="jk-muted">请按时前往，向工作人员出示预约码。前一天晚上会提醒您。</Text>
      <PageState loading={b.loading && !b.data} error={b.data ? undefined : b.error} onRetry={b.reload} />
      {b.data && <BookingCard b={b.data} />}
      <View className="bk-success__actions">
        <Button type="primary" size="large" block onClick={() => go(PAGES.myBookings)}>
          查看我的预约
        </Button>
        {b.data && (
          <Button fill="outline" size="large" block onClick={() => Taro.makePhoneCall({ phoneNumber: b.data!.sitePhone })}>
            联系服务点 {b.data.sitePhone}
          </Button>
        )}
      </View>
    </View>
  );
}
