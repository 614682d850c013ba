import { View, Text } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { ApiError } from '../../services/http';
import { goBack } from '../../utils/nav';
import './index.scss';

interface Props {
  loading: boolean;
  error?: ApiError;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
}

/** What a page says when its link names nothing it can open (a mistyped or cut-off id). */
export const BAD_LINK = '没有找到要打开的内容，链接可能有误或已失效';

/**
 * Loading, error (with 重试) and empty states, the same on every page. Renders nothing once there is
 * content. Something that is not there (404: a wrong or cut-off link, a booking of someone else) or
 * a link whose id the server refuses (400 on `params.id`: `service?id=nope`), or a page the person may not
 * open (403: a staff page) offers 返回 instead, since trying again cannot help.
 */
export default function PageState({ loading, error, empty, emptyText = '暂无内容', onRetry }: Props) {
  if (error) {
    const badLink = error.status === 400 && Object.keys(error.fields).some((k) => k === 'id' || k.startsWith('params.'));
    // 403: a citizen opening a staff page; trying again cannot help either.
    const gone = error.status === 404 || error.status === 403 || badLink;
    return (
      <View className="jk-state">
        <Text className="jk-state__text">{badLink ? BAD_LINK : error.message}</Text>
        {gone && (
          <Button type="primary" size="large" className="jk-state__retry" onClick={goBack}>
            返回
          </Button>
        )}
        {onRetry && !gone && (
          <Button type="primary" size="large" className="jk-state__retry" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading) {
    return (
      <View className="jk-state">
        <Loading>加载中…</Loading>
      </View>
    );
  }
  if (empty) {
    return (
      <View className="jk-state">
        <Text className="jk-state__text">{emptyText}</Text>
      </View>
    );
  }
  return null;
}
