import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell, Switch } from '@nutui/nutui-react-taro';
import { BRAND, HOTLINE } from '../../config';
import { useElderMode } from '../../hooks/useElderMode';
import './index.scss';

export default function Me() {
  const { pageClass, elder, setElder } = useElderMode();
  return (
    <View className={`${pageClass} me`}>
      <View className="me__head">
        <Text className="me__title">{BRAND.name}</Text>
        <Text className="jk-muted">登录后可查看我的预约和报名</Text>
      </View>
      <Cell.Group>
        <Cell title={<Text className="me__cell">长辈版（大字）</Text>} extra={<Switch checked={elder} onChange={(v) => setElder(v)} />} />
        <Cell
          title={<Text className="me__cell">政务服务热线</Text>}
          extra={<Text className="me__cell">{HOTLINE}</Text>}
          onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE })}
        />
      </Cell.Group>
      <View className="me__footer">
        <Button fill="outline" size="large" block onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE })}>
          遇到问题？拨打 {HOTLINE}
        </Button>
        <Text className="jk-muted">{BRAND.orgFull}</Text>
      </View>
    </View>
  );
}
