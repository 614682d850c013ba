import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { cancelBooking, fetchBooking } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import BookingCard from '../../components/BookingCard';
import Answers from '../../components/Answers';
import ReadAloud from '../../components/ReadAloud';
import { bookingSpeech } from '../../utils/booking';
import RatingFaces from '../../components/RatingFaces';
import ReportLink from '../../components/ReportLink';
import CallButton from '../../components/CallButton';
import { rateBooking } from '../../services/requests';
import { formatDateTime } from '../../utils/format';
import { confirm, explain } from '../../utils/modal';
import { toastDone } from '../../utils/toast';
import './index.scss';

export default function BookingDetail() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const b = useRequest(async () => {
    await ensureLogin();
    return fetchBooking(id);
  }, [id]);

  const cancel = async () => {
    const sure = await confirm({
      title: '取消预约',
      content: '确定取消这个预约吗？名额会让给其他人。',
      confirmText: '确认取消',
      cancelText: '再想想',
      danger: true,
    });
    if (!sure) return;
    try {
      await cancelBooking(id);
      toastDone('已取消');
      await b.reload();
    } catch (e) {
      explain('没有取消', e);
    }
  };

  return (
    <View className={`${pageClass} bk-detail`}>
      <PageState loading={b.loading && !b.data} error={b.data ? undefined : b.error} onRetry={b.reload} />
      {b.data && (
        <>
          <BookingCard b={b.data} />
          <ReadAloud text={bookingSpeech(b.data)} label="朗读预约信息" />
          {b.data.answers.length > 0 && (
            <View className="bk-detail__form">
              <Answers answers={b.data.answers} className="bk-detail__line" />
            </View>
          )}
          {b.data.status === 'confirmed' && (
            <View className="bk-detail__actions">
              <Text className="jk-muted">{formatDateTime(b.data.cancellableUntil)} 前可取消</Text>
              <Button fill="outline" type="danger" size="large" block onClick={cancel}>
                取消预约
              </Button>
            </View>
          )}
          {b.data.status === 'served' && (
            <RatingFaces rating={b.data.rating} submit={(body) => rateBooking(id, body)} onRated={() => void b.reload()} />
          )}
          {b.data.status === 'confirmed' && <Text className="jk-muted bk-detail__rate-later">服务完成后可以在这里评价</Text>}
          {/* The day the meal is late, she opens her booking: the station is one tap away. */}
          <CallButton phone={b.data.sitePhone} label="打电话给服务点" note="服务点电话" />
          <ReportLink category="services" about={{ kind: 'booking', id }} />
        </>
      )}
    </View>
  );
}
