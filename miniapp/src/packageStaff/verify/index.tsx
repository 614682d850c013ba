import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { BOOKING_STATUS_LABELS, staffVerifySchema, type BookingView } from '@jingkai/shared';
import { verifyBooking } from '../../services/api';
import { ApiError } from '../../services/http';
import { useElderMode } from '../../hooks/useElderMode';
import { formatDateTime } from '../../utils/format';
import Answers from '../../components/Answers';
import { inputA11y } from '../../utils/a11y';
import './index.scss';

/** Staff scan the citizen's QR code or type the booking code; the booking becomes served (已完成). */
export default function Verify() {
  const { pageClass } = useElderMode();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<BookingView>();
  const [error, setError] = useState<string>();

  const verify = async (value: string) => {
    setDone(undefined);
    // The shared schema checks the code first, in the server's words (请输入预约码).
    const parsed = staffVerifySchema.safeParse({ code: value });
    if (!parsed.success) return setError(parsed.error.issues[0]!.message);
    setError(undefined);
    try {
      setDone(await verifyBooking(parsed.data.code));
      setCode('');
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : '核验失败，请重试');
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
          onInput={(e) => {
            setCode(e.detail.value);
            setError(undefined);
          }}
          nativeProps={inputA11y('verify-code', '预约码', error)}
        />
      </View>
      <Button type="primary" size="large" block onClick={() => verify(code)}>
        核验并办结
      </Button>
      <View className="verify__error" id="verify-code-error" aria-live="polite">
        {error ?? ''}
      </View>
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
