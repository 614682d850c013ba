import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { exportMyData } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import './index.scss';

/** Everything the zone holds about me, readable, and copyable as JSON. */
export default function ExportData() {
  const { pageClass } = useElderMode();
  const data = useRequest(async () => {
    await ensureLogin();
    return exportMyData();
  });
  const text = data.data ? JSON.stringify(data.data, null, 2) : '';
  return (
    <View className={`${pageClass} export`}>
      <Text className="jk-muted">以下是我们保存的关于您的全部信息。身份证号、手机号等按规定隐去部分数字。</Text>
      <PageState loading={data.loading && !data.data} error={data.data ? undefined : data.error} onRetry={data.reload} />
      {data.data && (
        <>
          <View className="export__box">
            <Text className="export__text" userSelect>
              {text}
            </Text>
          </View>
          <Button type="primary" size="large" block onClick={() => Taro.setClipboardData({ data: text })}>
            复制全部内容
          </Button>
        </>
      )}
    </View>
  );
}
