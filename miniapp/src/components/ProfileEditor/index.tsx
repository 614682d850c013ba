import { View, Text, Image, Input, Button as TaroButton } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MeUser } from '@jingkai/shared';
import { API_BASE } from '../../config';
import { updateMe, uploadAvatar } from '../../services/api';
import './index.scss';
import { toastError } from '../../utils/toast';

const isH5 = process.env.TARO_ENV === 'h5';
const avatarSrc = (url: string) => (url.startsWith('/') ? `${API_BASE}${url}` : url);

/** Not an async function, so the weapp build sees the H5 branch is dead and leaves platform/h5 out. */
function readBytes(path: string): Promise<ArrayBuffer> {
  if (process.env.TARO_ENV === 'h5') return import('../../platform/h5').then((h5) => h5.readPickedFile(path));
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, success: (r) => resolve(r.data as ArrayBuffer), fail: reject }),
  );
}

/** Avatar and nickname through WeChat's own avatar and nickname inputs (a file picker in the preview). */
export default function ProfileEditor({ me, onChange }: { me: MeUser; onChange: (m: MeUser) => void }) {
  const fail = (e: unknown) => toastError(e, '保存失败');

  const saveAvatar = async (path: string) => {
    try {
      const type = /\.png$/i.test(path) ? 'image/png' : 'image/jpeg';
      onChange(await uploadAvatar(await readBytes(path), type));
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
    <Image className="jk-profile__avatar" src={avatarSrc(me.avatarUrl)} nativeProps={{ alt: '我的头像' }} />
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
