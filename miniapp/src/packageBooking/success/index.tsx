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
import { bookingSpeech, successNote } from '../../utils/booking';
import ReadAloud from '../../components/ReadAloud';
import './index.scss';

export default function BookingSuccess() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const b = useRequest(() => fetchBooking(id), [id]);
  const note = b.data && successNote(b.data);
  return (
    <View className={`${pageClass} bk-success`}>
      <Text className="bk-success__title">预约成功</Text>
      {note && (
        <>
          <Text className="bk-success__for">{note.forWhom}</Text>
          <Text className="jk-muted">{note.reminder}</Text>
          <ReadAloud text={`预约成功。${note.forWhom}。${bookingSpeech(b.data!)}${note.reminder}`} label="朗读预约信息" />
        </>
      )}
      <PageState loading={b.loading && !b.data} error={b.data ? undefined : b.error} onRetry={b.reload} />
      {b.data && <BookingCard b={b.data} />}
      <View className="bk-success__actions">
        <Button type="primary" size="large" block onClick={() => go(PAGES.myBookings)}>
          查看我的预约
        </Button>
        {b.data && (
          <>
            {/* A short label that fits one line at 长辈版's 30 px; the number on its own line below. */}
            <Button fill="outline" size="large" block onClick={() => Taro.makePhoneCall({ phoneNumber: b.data!.sitePhone })}>
              打电话给服务点
            </Button>
            <Text className="jk-muted">服务点电话 {b.data.sitePhone}</Text>
          </>
        )}
      </View>
    </View>
  );
}
