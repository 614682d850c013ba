import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import Switch from '../../components/Switch';
import { fetchServices, fetchUsers, grantRole, revokeRole } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import './index.scss';
import { toastDone, toastError } from '../../utils/toast';
import { pressed } from '../../utils/a11y';

const ROLE_LABEL: Record<string, string> = { citizen: '市民', staff: '工作人员', admin: '管理员' };

/**
 * 乌云 grants 张科长 the staff role for chosen services, switches 资讯管理 on or off for a person, or
 * revokes the staff role. Every change is audited.
 */
export default function Roles() {
  const { pageClass } = useElderMode();
  const users = useRequest(() => fetchUsers());
  const services = useRequest(fetchServices);
  const [picked, setPicked] = useState<Record<string, string[]>>({});

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toastDone(done);
      await users.reload();
    } catch (e) {
      toastError(e);
    }
  };
  const toggle = (userId: string, serviceId: string) => {
    const cur = picked[userId] ?? [];
    setPicked({ ...picked, [userId]: cur.includes(serviceId) ? cur.filter((x) => x !== serviceId) : [...cur, serviceId] });
  };
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name ?? id;

  return (
    <View className={`${pageClass} roles`}>
      <PageState loading={users.loading && !users.data} error={users.data ? undefined : users.error} onRetry={users.reload} />
      {users.data?.items.map((u) => (
        <View key={u.id} className="jk-card">
          <Text className="jk-card__title">{u.displayName}</Text>
          <Text className="jk-muted">{u.roles.map((r) => ROLE_LABEL[r] ?? r).join('、')}</Text>
          {u.staffScopes.serviceIds.length > 0 && (
            <Text className="jk-card__line">负责：{u.staffScopes.serviceIds.map(serviceName).join('、')}</Text>
          )}
          {!u.roles.includes('admin') && (
            <View className="roles__switch">
              <Switch
                label="资讯管理（置顶、下线、发布资讯）"
                checked={u.roles.includes('staff') && u.staffScopes.news}
                onChange={(on) =>
                  act(
                    () =>
                      on
                        ? grantRole({ userId: u.id, role: 'staff', news: true })
                        : revokeRole({ userId: u.id, role: 'staff', scope: 'news' }),
                    on ? '已开通资讯管理' : '已关闭资讯管理',
                  )
                }
              />
            </View>
          )}
          <View className="jk-chips">
            {services.data?.items.map((s) => (
              <View
                key={s.id}
                {...pressed((picked[u.id] ?? []).includes(s.id))}
                className={`jk-chip ${(picked[u.id] ?? []).includes(s.id) ? 'jk-chip--on' : ''}`}
                onClick={() => toggle(u.id, s.id)}
              >
                {s.name}
              </View>
            ))}
          </View>
          <View className="roles__actions">
            <Button
              type="primary"
              size="small"
              onClick={() => act(() => grantRole({ userId: u.id, role: 'staff', serviceIds: picked[u.id] ?? [] }), '已授权')}
            >
              授予所选服务
            </Button>
            {u.roles.includes('staff') && (
              <Button
                fill="outline"
                type="danger"
                size="small"
                onClick={() => act(() => revokeRole({ userId: u.id, role: 'staff' }), '已撤销')}
              >
                撤销工作人员
              </Button>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
