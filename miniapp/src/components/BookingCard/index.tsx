import { View, Text } from '@tarojs/components';
import { BOOKING_STATUS_LABELS, type BookingView } from '@jingkai/shared';
import QrCode from '../QrCode';
import { formatDateTime, formatTime } from '../../utils/format';
import './index.scss';

/** The booking as the citizen shows it at the counter: a big code, the QR, when and where. */
export default function BookingCard({ b }: { b: BookingView }) {
  const active = b.status === 'confirmed';
  return (
    <View className="bk-card">
      <Text className="bk-card__service">{b.serviceName}</Text>
      <Text className={`bk-card__status bk-card__status--${b.status}`}>{BOOKING_STATUS_LABELS[b.status]}</Text>
      <Text className="jk-muted">预约码</Text>
      <Text className="bk-card__code">{b.code}</Text>
      {active && <QrCode text={b.code} label={`预约码 ${b.code} 的二维码`} size={360} />}
      <Text className="bk-card__when">
        {formatDateTime(b.start)}-{formatTime(b.end)}
      </Text>
      <Text className="bk-card__line">{b.siteName}</Text>
      <Text className="bk-card__line">{b.siteAddress}</Text>
      {b.cancelReason && <Text className="bk-card__reason">取消原因：{b.cancelReason}</Text>}
    </View>
  );
}
