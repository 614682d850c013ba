import { View, Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORIES, REQUEST_STATUSES, REQUEST_UNITS, REQUEST_UNIT_LABELS } from '@jingkai/shared';
import { ensureLogin } from '../../services/auth';
import { downloadAndOpen } from '../../services/http';
import { exportQuery, fetchQueue, type QueueFilter } from '../../services/requests';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import RequestCard from '../../components/RequestCard';
import { go } from '../../utils/nav';
import { categoryLabel, statusLabel } from '../../utils/requests';
import { PAGES } from '../../utils/route';
import './index.scss';
import { pressed } from '../../utils/a11y';

/** One row of filter chips: 全部, then each value; tapping the chosen one again clears it. */
function Chips<T extends string>({
  values,
  label,
  value,
  onChange,
}: {
  values: readonly T[];
  label: (v: T) => string;
  value?: T;
  onChange: (v?: T) => void;
}) {
  return (
    <View className="jk-chips rq-queue__chips">
      <Text
        {...pressed(value === undefined)}
        className={`jk-chip ${value === undefined ? 'jk-chip--on' : ''}`}
        onClick={() => onChange(undefined)}
      >
        全部
      </Text>
      {values.map((v) => (
        <Text
          key={v}
          {...pressed(value === v)}
          className={`jk-chip ${value === v ? 'jk-chip--on' : ''}`}
          onClick={() => onChange(value === v ? undefined : v)}
        >
          {label(v)}
        </Text>
      ))}
    </View>
  );
}

/** The staff's queue, most urgent deadline first, by status, unit, category and lateness; with the Excel export. */
export default function RequestQueue() {
  const { pageClass } = useElderMode();
  const [filter, setFilter] = useState<QueueFilter>({});
  const shownFor = JSON.stringify(filter);
  const list = useRequest(async () => {
    await ensureLogin();
    return { for: shownFor, ...(await fetchQueue(filter)) };
  }, [shownFor]);
  useDidShow(() => void list.reload());
  const data = list.data?.for === shownFor ? list.data : undefined;
  const set = (patch: QueueFilter) => setFilter((f) => ({ ...f, ...patch }));

  const [exporting, setExporting] = useState(false);
  const exportList = async () => {
    setExporting(true);
    try {
      await downloadAndOpen('/api/staff/requests/export', exportQuery(filter));
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className={`${pageClass} rq-queue`}>
      <Button type="primary" fill="outline" block onClick={() => go(PAGES.requestDashboard)}>
        查看统计图表
      </Button>
      <Text className="rq-queue__label">状态</Text>
      <Chips values={REQUEST_STATUSES} label={statusLabel} value={filter.status} onChange={(status) => set({ status })} />
      <Text className="rq-queue__label">承办单位</Text>
      <Chips values={REQUEST_UNITS} label={(u) => REQUEST_UNIT_LABELS[u]} value={filter.unit} onChange={(unit) => set({ unit })} />
      <Text className="rq-queue__label">类别</Text>
      <Chips values={REQUEST_CATEGORIES} label={categoryLabel} value={filter.category} onChange={(category) => set({ category })} />
      <Text className="rq-queue__label">时限</Text>
      <Chips
        values={['late', 'ontime'] as const}
        label={(v) => (v === 'late' ? '已超期' : '未超期')}
        value={filter.overdue === undefined ? undefined : filter.overdue ? 'late' : 'ontime'}
        onChange={(v) => set({ overdue: v === undefined ? undefined : v === 'late' })}
      />
      <Button fill="outline" type="primary" block disabled={exporting} onClick={() => void exportList()}>
        导出诉求（Excel）
      </Button>
      <Text className="jk-muted">导出不含市民个人信息，每次导出都会记录。</Text>
      <PageState
        loading={list.loading && !data}
        error={data ? undefined : list.error}
        empty={!!data && data.items.length === 0}
        emptyText="没有符合条件的诉求"
        onRetry={list.reload}
      />
      {data && <Text className="rq-queue__total">共 {data.total} 件</Text>}
      {data?.items.map((r) => (
        <RequestCard key={r.id} r={r} onClick={() => go(PAGES.staffRequest, { id: r.id })} />
      ))}
    </View>
  );
}
