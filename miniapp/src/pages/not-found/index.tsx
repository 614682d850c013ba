import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useElderMode } from '../../hooks/useElderMode';
import { goBack } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import './index.scss';

/** Where an unknown address lands (app.ts): what happened, and a way back, never a blank screen. */
export default function NotFound() {
  const { pageClass } = useElderMode();
  return (
    <View className={`${pageClass} not-found`}>
      <Text className="not-found__title">没有找到这个页面</Text>
      <Text className="not-found__text">链接可能已失效或输入有误。</Text>
      <Button type="primary" size="large" block onClick={() => void Taro.switchTab({ url: PAGES.home })}>
        回到首页
      </Button>
      <Button fill="outline" size="large" block onClick={goBack}>
        返回
      </Button>
    </View>
  );
}
