import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * A full-width call button (电话预约 on the booking and signup pages, 打电话给服务点 after booking):
 * a short label that fits one line at 长辈版's 30 px, the number on its own line below it.
 */
export default function CallButton({ phone, label = '电话预约', note }: { phone: string; label?: string; note: string }) {
  return (
    <View className="jk-call">
      <Button fill="outline" type="primary" size="large" block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
        {label}
      </Button>
      <Text className="jk-muted">
        {note} {phone}
      </Text>
    </View>
  );
}
