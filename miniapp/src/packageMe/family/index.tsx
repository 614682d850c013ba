import { View, Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { RELATIONS } from '@jingkai/shared';
import { fetchFamily, removeFamilyMember } from '../../services/api';
import { ensureLogin } from '../../services/auth';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import './index.scss';
import { confirm } from '../../utils/modal';
import { toastError } from '../../utils/toast';

const relationLabel = (v: string) => RELATIONS.find((r) => r.value === v)?.label ?? v;

export default function Family() {
  const { pageClass } = useElderMode();
  const list = useRequest(async () => {
    await ensureLogin();
    return fetchFamily();
  });
  useDidShow(() => void list.reload());

  const remove = async (id: string, name: string) => {
    if (!(await confirm({ title: '删除家人', content: `确定删除“${name}”吗？`, confirmText: '删除', cancelText: '保留', danger: true })))
      return;
    try {
      await removeFamilyMember(id);
      await list.reload();
    } catch (e) {
      toastError(e, '删除失败');
    }
  };

  return (
    <View className={`${pageClass} family`}>
      <Text className="jk-muted">为父母、孩子预约办事时，可直接选择家人，不用重复填写。</Text>
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={list.data?.items.length === 0}
        emptyText="还没有添加家人"
        onRetry={list.reload}
      />
      {list.data?.items.map((m) => (
        <View key={m.id} className="jk-card">
          <View className="family__row">
            <Text className="jk-card__title">{m.name}</Text>
            <Tag type="primary">{relationLabel(m.relation)}</Tag>
            {m.isChild && <Tag type="warning">未满14周岁</Tag>}
          </View>
          <Text className="jk-card__line">身份证 {m.idNumber}</Text>
          {m.phone && <Text className="jk-card__line">手机 {m.phone}</Text>}
          {m.address && <Text className="jk-card__line">地址 {m.address}</Text>}
          <Text className="family__remove" onClick={() => remove(m.id, m.name)}>
            删除
          </Text>
        </View>
      ))}
      <View className="family__add">
        <Button type="primary" size="large" block onClick={() => go(PAGES.familyAdd)}>
          添加家人
        </Button>
      </View>
    </View>
  );
}
