import { View, Text, Image, Input, Button as TaroButton } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MeUser } from '@jingkai/shared';
import { updateMe, uploadAvatar } from '../../services/api';
import './index.scss';
import { toastError } from '../../utils/toast';
import { imageTypeOf, mediaSrc, readBytes } from '../../utils/files';

const isH5 = process.env.TARO_ENV === 'h5';

/** Avatar and nickname through WeChat's own avatar and nickname inputs (a file picker in the preview). */
export default function ProfileEditor({ me, onChange }: { me: MeUser; onChange: (m: MeUser) => void }) {
  const fail = (e: unknown) => toastError(e, '保存失败');

  const saveAvatar = async (path: string) => {
    try {
      onChange(await uploadAvatar(await readBytes(path), imageTypeOf(path)));
    } catch (e) {
      fail(e);
    }
  };
  const pickInPreview = async () => {
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] });
    if (r.tempFilePaths[0]) await saveAvatar(r.tempFilePaths[0]);
  };
  const saveNickname = async (nickname: string) => {
    if (!nickname.trim() || nickname === me.nickname) return;
    try {
      onChange(await updateMe({ nickname: nickname.trim() }));
    } catch (e) {
      fail(e);
    }
  };

  const avatar = me.avatarUrl ? (
    <Image className="jk-profile__avatar" src={mediaSrc(me.avatarUrl)} nativeProps={{ alt: '我的头像' }} />
  ) : (
    <View className="jk-profile__avatar jk-profile__avatar--empty">头像</View>
  );
  return (
    <View className="jk-profile">
      {isH5 ? (
        <View onClick={pickInPreview}>{avatar}</View>
      ) : (
        <TaroButton
          className="jk-profile__avatar-btn"
          openType="chooseAvatar"
          onChooseAvatar={(e) => saveAvatar((e.detail as { avatarUrl: string }).avatarUrl)}
        >
          {avatar}
        </TaroButton>
      )}
      <View className="jk-profile__who">
        <Input
          className="jk-profile__nickname"
          type="nickname"
          placeholder="点击填写昵称"
          value={me.nickname ?? ''}
          onBlur={(e) => saveNickname(e.detail.value)}
        />
        <Text className="jk-muted">{me.phone ? `手机号 ${me.phone}` : '尚未绑定手机号'}</Text>
      </View>
    </View>
  );
}
