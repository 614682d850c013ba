import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { BOOKING_STATUS_LABELS, type BookingView } from '@jingkai/shared';
import { verifyBooking } from '../../services/api';
import { ApiError } from '../../services/http';
import { useElderMode } from '../../hooks/useElderMode';
import { formatDateTime } from '../../utils/format';
import Answers from '../../components/Answers';
import './index.scss';

/** Staff scan the citizen's QR code or type the booking code; the booking becomes served (已完成). */
export default function Verify() {
  const { pageClass } = useElderMode();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<BookingView>();
  const [error, setError] = useState<string>();

  const verify = async (value: string) => {
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await verifyBooking(value.trim().toUpperCase()));
      setCode('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '核验失败，请重试');
    }
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await verify(r.result);
    } catch {
      setError('没有扫到二维码，可以手动输入预约码');
    }
  };

  return (
    <View className={`${pageClass} verify`}>
      {process.env.TARO_ENV === 'weapp' && (
        <Button type="primary" size="large" block onClick={scan}>
          扫码核验
        </Button>
      )}
      <View className="jk-field">
        <Text className="jk-field__label">预约码</Text>
        <Input
          className="jk-field__input verify__input"
          maxlength={8}
          value={code}
          placeholder="6 位预约码"
          onInput={(e) => setCode(e.detail.value)}
        />
      </View>
      <Button type="primary" size="large" block onClick={() => verify(code)}>
        核验并办结
      </Button>
      {error && <Text className="verify__error">{error}</Text>}
      {done && (
        <View className="verify__ok">
          <Text className="verify__ok-title">{BOOKING_STATUS_LABELS.served}</Text>
          <Text className="verify__line">
            {done.serviceName} · {formatDateTime(done.start)}
          </Text>
          <Text className="verify__line">预约码 {done.code}</Text>
          <Answers answers={done.answers} className="verify__line" />
        </View>
      )}
    </View>
  );
}
