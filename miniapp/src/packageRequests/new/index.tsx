import { View, Text, Textarea, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORIES, REQUEST_TEXT_MAX, requestBodySchema, type RequestCategory } from '@jingkai/shared';
import { ensureLogin } from '../../services/auth';
import { ApiError } from '../../services/http';
import { fileRequest, uploadRequestPhoto } from '../../services/requests';
import { useElderMode } from '../../hooks/useElderMode';
import { useRouteParams } from '../../hooks/useRouteParams';
import { checkWith } from '../../components/FormFields';
import { imageTypeOf, mediaSrc, readBytes } from '../../utils/files';
import { newIdempotencyKey } from '../../utils/keys';
import { explain } from '../../utils/modal';
import { categoryLabel, isCategory, requestFormErrors } from '../../utils/requests';
import { pageUrl, PAGES } from '../../utils/route';
import { toastError } from '../../utils/toast';
import { role } from '../../utils/a11y';
import ChoiceChips from '../../components/ChoiceChips';
import './index.scss';

const MAX_PHOTOS = 3;
const CONTACTS = [
  { value: 'phone', label: '电话联系我' },
  { value: 'message', label: '微信消息通知' },
] as const;

/** The paths of pictures the person picks: WeChat's chooseMedia, the preview's file picker. */
async function pickPhotos(count: number): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] });
    return r.tempFiles.map((f) => f.tempFilePath);
  }
  const r = await Taro.chooseImage({ count, sizeType: ['compressed'] });
  return r.tempFilePaths;
}

/** 反映问题: the category, what happened (10–500 characters), up to 3 photos and how to be reached. */
export default function NewRequest() {
  const { pageClass } = useElderMode();
  const params = useRouteParams('category', 'aboutKind', 'aboutId');
  // Filed from a booking's or a registration's page: about that one.
  const about =
    (params.aboutKind === 'booking' || params.aboutKind === 'registration') && params.aboutId
      ? { kind: params.aboutKind, id: params.aboutId }
      : undefined;
  const [category, setCategory] = useState<RequestCategory | undefined>(isCategory(params.category) ? params.category : undefined);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [contact, setContact] = useState<'phone' | 'message'>('message');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => newIdempotencyKey('rq'));

  const addPhotos = async () => {
    let paths: string[];
    try {
      paths = await pickPhotos(MAX_PHOTOS - photos.length);
    } catch {
      return; // cancelled
    }
    setBusy(true);
    try {
      const urls: string[] = [];
      for (const p of paths.slice(0, MAX_PHOTOS - photos.length))
        urls.push((await uploadRequestPhoto(await readBytes(p), imageTypeOf(p))).url);
      setPhotos((now) => [...now, ...urls].slice(0, MAX_PHOTOS));
      setErrors(({ photos: _gone, ...rest }) => rest);
    } catch (e) {
      setErrors((now) => ({
        ...now,
        photos: e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : '照片没有传上去，请再试一次',
      }));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const body = { category, text, contact, ...(photos.length ? { photos } : {}), ...(about ? { about } : {}) };
    const checked = checkWith(requestBodySchema, body, setErrors);
    if (!checked) return;
    setBusy(true);
    try {
      await ensureLogin();
      const created = await fileRequest(checked, key);
      void Taro.redirectTo({ url: pageUrl(PAGES.requestDetail, { id: created.id, fresh: '1' }) });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONTENT_RISKY') setErrors({ text: e.message });
      else if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(requestFormErrors(e.fields));
      else if (e instanceof ApiError && !e.retriable) explain('没有提交成功', e);
      else toastError(e, '网络不太好，请稍后再试');
      // Refused: the next tap is a new attempt. Lost: the same key finds the first answer.
      if (e instanceof ApiError && !e.retriable) setKey(newIdempotencyKey('rq'));
    } finally {
      setBusy(false);
    }
  };

  const length = text.trim().length;
  return (
    <View className={`${pageClass} rq-new`}>
      <Text className="jk-muted">遇到问题请告诉我们，工作人员会在规定时限内受理并答复您。</Text>
      {about && <Text className="rq-new__about">{about.kind === 'booking' ? '反映的是：您的这次预约' : '反映的是：您的这次活动报名'}</Text>}
      <View className="jk-field">
        <Text className="jk-field__label">诉求类别</Text>
        <ChoiceChips
          label="诉求类别"
          options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
          value={category ?? ''}
          onChange={(c) => setCategory(c as (typeof REQUEST_CATEGORIES)[number])}
        />
        {errors.category && <Text className="jk-field__error">{errors.category}</Text>}
      </View>

      <View className="jk-field">
        <Text className="jk-field__label">问题描述</Text>
        <Textarea
          className="jk-field__input jk-field__textarea rq-new__text"
          placeholder="什么时间、在哪里、发生了什么（至少 10 个字）"
          maxlength={REQUEST_TEXT_MAX}
          value={text}
          onInput={(e) => setText(e.detail.value)}
        />
        <Text className={`rq-new__count ${length > REQUEST_TEXT_MAX ? 'rq-new__count--over' : ''}`}>
          {length}/{REQUEST_TEXT_MAX}
        </Text>
        {errors.text && <Text className="jk-field__error">{errors.text}</Text>}
      </View>

      <View className="jk-field">
        <Text className="jk-field__label">照片（选填，最多 {MAX_PHOTOS} 张）</Text>
        <View className="rq-new__photos">
          {photos.map((url, i) => (
            <View key={url} className="rq-new__photo">
              <Image className="rq-new__img" src={mediaSrc(url)} mode="aspectFill" />
              <View
                className="rq-new__remove"
                {...role('button')}
                aria-label={`删除第 ${i + 1} 张照片`}
                onClick={() => setPhotos(photos.filter((p) => p !== url))}
              >
                <Text>×</Text>
              </View>
            </View>
          ))}
          {photos.length < MAX_PHOTOS && (
            <View className="rq-new__add" {...role('button')} aria-label="添加照片" onClick={() => void addPhotos()}>
              <Text>+ 添加照片</Text>
            </View>
          )}
        </View>
        {errors.photos && <Text className="jk-field__error">{errors.photos}</Text>}
      </View>

      <View className="jk-field">
        <Text className="jk-field__label">希望怎样联系您</Text>
        <ChoiceChips label="希望怎样联系您" options={CONTACTS} value={contact ?? ''} onChange={(c) => setContact(c as typeof contact)} />
        {errors.contact && <Text className="jk-field__error">{errors.contact}</Text>}
      </View>

      <Button type="primary" size="large" block disabled={busy} onClick={() => void submit()}>
        提交
      </Button>
    </View>
  );
}
