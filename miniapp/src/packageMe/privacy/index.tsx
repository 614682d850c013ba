import { View, Text } from '@tarojs/components';
import { useElderMode } from '../../hooks/useElderMode';
import './index.scss';

/** Each item collected, why, and for how long. Keep in step with what the server stores. */
const ITEMS = [
  { what: '微信 openid', why: '识别您的账号，登录使用', keep: '至您注销账号' },
  { what: '昵称、头像', why: '在“我的”页面显示，由您自愿填写', keep: '至您修改或注销账号' },
  { what: '手机号', why: '预约、报名后工作人员联系您，发送提醒', keep: '至您注销账号' },
  {
    what: '家人的姓名、身份证号、手机号、住址',
    why: '为家人预约医保、托育、助餐等服务时核对身份、上门服务',
    keep: '至您删除该家人或注销账号',
  },
  { what: '未满 14 周岁孩子的信息', why: '托育预约，需监护人同意后提供', keep: '至您删除或注销账号' },
  { what: '预约和报名记录', why: '办理服务、核验到场、统计服务量', keep: '办结后保留 3 年；注销账号后仅保留匿名统计' },
];

export default function Privacy() {
  const { pageClass } = useElderMode();
  return (
    <View className={`${pageClass} privacy`}>
      <Text className="privacy__title">“经开事·精心办”隐私政策</Text>
      <Text className="privacy__p">
        通辽经济技术开发区（以下简称“我们”）依照《中华人民共和国个人信息保护法》处理您的个人信息。我们只在办事需要时收集，身份证号、手机号、住址加密保存，展示和导出时隐去部分数字，工作人员只能看到其负责服务的预约信息。
      </Text>
      {ITEMS.map((i) => (
        <View key={i.what} className="privacy__item">
          <Text className="privacy__what">{i.what}</Text>
          <Text className="privacy__p">用途：{i.why}</Text>
          <Text className="privacy__p">保存期限：{i.keep}</Text>
        </View>
      ))}
      <Text className="privacy__p">
        您可以在“我的”页面导出您的数据、删除家人或注销账号。身份证号、未成年人信息属于敏感个人信息，我们仅在您单独同意后处理。如有疑问，请拨打
        12345 政务服务热线。
      </Text>
    </View>
  );
}
