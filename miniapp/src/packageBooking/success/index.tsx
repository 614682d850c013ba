import { View, Text } from '@tarojs/components';
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
import CallButton from '../../components/CallButton';
import './index.scss';

export default function BookingSuccess() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const b = useRequest(() => fetchBooking(id), [id]);
  const note = b.data && successNote(b.data);
  return (
    <View className={`${pageClass} bk-success`}>
      {b.data && <Text className="bk-success__title">预约成功</Text>}
      {note && (
        <>
          <Text className="bk-success__for">{note.forWhom}</Text>
          <Text className="jk-muted">{note.reminder}</Text>
          <ReadAloud text={`预约成功。${note.forWhom}。${bookingSpeech(b.data!)}${note.reminder}`} label="朗读预约信息" />
        </>
      )}
      <PageState loading={b.loading && !b.data} error={b.data ? undefined : b.error} onRetry={b.reload} />
      {b.data && <BookingCard b={b.data} />}
      {b.data && (
        <View className="bk-success__actions">
          <Button type="primary" size="large" block onClick={() => go(PAGES.myBookings)}>
            查看我的预约
          </Button>
          <CallButton phone={b.data.sitePhone} label="打电话给服务点" note="服务点电话" />
        </View>
      )}
    </View>
  );
}
