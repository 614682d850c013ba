import { View, Text, Button as TaroButton } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Button, Cell } from '@nutui/nutui-react-taro';
import Switch from '../../components/Switch';
import { mayHandleRequests, mayManageNews, type MeUser } from '@jingkai/shared';
import { BRAND, HOTLINE } from '../../config';
import { useElderMode } from '../../hooks/useElderMode';
import { ensureLogin, forgetLogin } from '../../services/auth';
import { bindPhone, deleteAccount, fetchMe } from '../../services/api';
import { ApiError } from '../../services/http';
import PrivacyPopup from '../../components/PrivacyPopup';
import PageState from '../../components/PageState';
import ProfileEditor from '../../components/ProfileEditor';
import { confirm } from '../../utils/modal';
import { go } from '../../utils/nav';
import { PAGES, type PagePath } from '../../utils/route';
import { toastDone, toastError } from '../../utils/toast';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';

export default function Me() {
  const { pageClass, elder, setElder } = useElderMode();
  const [me, setMe] = useState<MeUser>();
  const [error, setError] = useState<ApiError>();

  const load = async () => {
    try {
      await ensureLogin();
      setMe(await fetchMe());
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '出了点问题，请稍后再试'));
    }
  };
  useDidShow(() => void load());

  const onPhoneCode = async (code: string | undefined) => {
    if (!code) return;
    try {
      setMe(await bindPhone(code));
      toastDone('手机号已绑定');
    } catch (e) {
      toastError(e, '绑定失败');
    }
  };

  // Not async, so the weapp build sees the branch is dead and leaves platform/h5 out.
  const bindInPreview = () => {
    if (process.env.TARO_ENV === 'h5') void import('../../platform/h5').then((h5) => onPhoneCode(h5.previewPhoneCode()));
  };

  const onDelete = async () => {
    const sure = await confirm({
      title: '注销账号',
      content: '将删除您的手机号和家人信息，已完成的预约只保留匿名统计。此操作不能撤销。',
      confirmText: '确认注销',
      cancelText: '再想想',
      danger: true,
    });
    if (!sure) return;
    try {
      await deleteAccount();
      forgetLogin();
      setMe(undefined);
      toastDone('账号已注销');
      await load();
    } catch (e) {
      toastError(e, '注销失败');
    }
  };

  const open = (page: PagePath) => () => go(page);
  const staff = me && (me.roles.includes('staff') || me.roles.includes('admin'));
  const eventStaff = me && (me.roles.includes('admin') || (me.roles.includes('staff') && me.staffScopes.eventIds.length > 0));

  return (
    <View className={`${pageClass} me`}>
      <PrivacyPopup />
      <View className="me__head">{me ? <ProfileEditor me={me} onChange={setMe} /> : <Text className="jk-muted">正在登录…</Text>}</View>
      <PageState loading={!me && !error} error={me ? undefined : error} onRetry={load} />

      {me && !me.phone && (
        <View className="me__phone">
          <Text className="jk-muted">预约、报名时需要手机号，方便工作人员联系您</Text>
          {isH5 ? (
            <Button type="primary" size="large" block onClick={bindInPreview}>
              绑定手机号
            </Button>
          ) : (
            <TaroButton
              className="me__phone-btn"
              openType="getPhoneNumber"
              onGetPhoneNumber={(e) => onPhoneCode((e.detail as { code?: string }).code)}
            >
              绑定手机号
            </TaroButton>
          )}
        </View>
      )}

      {me && (
        <Cell.Group>
          <Cell title={<Text className="me__cell">我的预约</Text>} onClick={open(PAGES.myBookings)} />
          <Cell title={<Text className="me__cell">我的报名</Text>} onClick={open(PAGES.myRegistrations)} />
          <Cell title={<Text className="me__cell">我的诉求</Text>} description="反映问题、查看答复" onClick={open(PAGES.myRequests)} />
          <Cell title={<Text className="me__cell">家人</Text>} description="为父母、孩子预约时使用" onClick={open(PAGES.family)} />
          <Cell title={<Switch label="长辈版（大字）" checked={elder} onChange={setElder} />} />
          <Cell title={<Text className="me__cell">隐私政策</Text>} onClick={open(PAGES.privacy)} />
          <Cell title={<Text className="me__cell">导出我的数据</Text>} onClick={open(PAGES.exportData)} />
          {staff && (
            <Cell
              title={<Text className="me__cell">工作人员：核验预约</Text>}
              description={me.roles.includes('admin') ? '管理员' : '工作人员'}
              onClick={open(PAGES.staffVerify)}
            />
          )}
          {staff && <Cell title={<Text className="me__cell">工作人员：今日预约</Text>} onClick={open(PAGES.staffDay)} />}
          {eventStaff && <Cell title={<Text className="me__cell">工作人员：活动核验</Text>} onClick={open(PAGES.eventCheckin)} />}
          {eventStaff && <Cell title={<Text className="me__cell">工作人员：活动名单</Text>} onClick={open(PAGES.eventAttendees)} />}
          {me.roles.includes('admin') && (
            <Cell title={<Text className="me__cell">管理员：新建活动</Text>} onClick={open(PAGES.eventEdit)} />
          )}
          {mayHandleRequests(me) && (
            <Cell title={<Text className="me__cell">工作人员：诉求办理</Text>} onClick={open(PAGES.staffRequests)} />
          )}
          {mayHandleRequests(me) && (
            <Cell title={<Text className="me__cell">工作人员：诉求统计</Text>} onClick={open(PAGES.requestDashboard)} />
          )}
          {mayManageNews(me) && <Cell title={<Text className="me__cell">工作人员：资讯管理</Text>} onClick={open(PAGES.staffNews)} />}
          {me.roles.includes('admin') && (
            <Cell title={<Text className="me__cell">管理员：人员与权限</Text>} onClick={open(PAGES.staffRoles)} />
          )}
        </Cell.Group>
      )}

      <View className="me__footer">
        <Button fill="outline" size="large" block onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE })}>
          遇到问题？拨打 {HOTLINE}
        </Button>
        {me && (
          <Text className="me__delete" onClick={onDelete}>
            注销账号
          </Text>
        )}
        <Text className="jk-muted">{BRAND.orgFull}</Text>
      </View>
    </View>
  );
}
