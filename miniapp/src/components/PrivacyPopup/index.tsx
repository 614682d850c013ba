import { useEffect, useRef, useState } from 'react';
import { View, Text, Button as TaroButton } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Popup } from '@nutui/nutui-react-taro';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import './index.scss';

type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

/**
 * WeChat asks the mini-program to show its privacy notice before the first privacy API (phone
 * number, avatar, location). The popup links to our 隐私政策 and agrees through WeChat's own button.
 * The H5 preview has no such API and never shows it.
 */
export default function PrivacyPopup() {
  const [open, setOpen] = useState(false);
  const resolver = useRef<Resolve>();

  useEffect(() => {
    const wxLike = Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void };
    wxLike.onNeedPrivacyAuthorization?.((resolve) => {
      resolver.current = resolve;
      setOpen(true);
    });
  }, []);

  const close = (event: 'agree' | 'disagree') => {
    resolver.current?.(event === 'agree' ? { event, buttonId: 'jk-privacy-agree' } : { event });
    resolver.current = undefined;
    setOpen(false);
  };

  return (
    <Popup visible={open} position="bottom" round closeable={false} onClose={() => close('disagree')}>
      <View className="jk-privacy">
        <Text className="jk-privacy__title">个人信息保护提示</Text>
        <Text className="jk-privacy__text">
          办理预约和报名需要使用您的手机号等信息。我们只在办事需要时收集，加密保存，不会用于其他用途。
        </Text>
        <Text className="jk-privacy__link" onClick={() => go(PAGES.privacy)}>
          查看《隐私政策》
        </Text>
        <View className="jk-privacy__actions">
          <TaroButton className="jk-privacy__no" onClick={() => close('disagree')}>
            暂不同意
          </TaroButton>
          <TaroButton id="jk-privacy-agree" className="jk-privacy__yes" openType="agreePrivacyAuthorization" onClick={() => close('agree')}>
            同意并继续
          </TaroButton>
        </View>
      </View>
    </Popup>
  );
}
