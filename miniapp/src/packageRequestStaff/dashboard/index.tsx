import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { downloadAndOpen } from '../../services/http';
import { ensureLogin } from '../../services/auth';
import { fetchEvents } from '../../services/api';
import { fetchRequestStats, fetchSiteNames } from '../../services/requests';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import Chart from '../../components/Chart';
import PageState from '../../components/PageState';
import { shanghaiToday } from '../../utils/dates';
import { percent } from '../../utils/chart';
import { RATES, mostPoorFirst, poorCount, statsCharts, weeksUpTo } from '../../utils/requests';
import './index.scss';
import { pressed } from '../../utils/a11y';

const PERIODS = [4, 8, 12];

/** The names of sites and events the ratings name by id; a name that cannot be loaded stays the id's end. */
async function loadNames(): Promise<Record<string, string>> {
  const [sites, upcoming, past] = await Promise.all([fetchSiteNames(), fetchEvents('upcoming'), fetchEvents('past')]);
  return { ...sites, ...Object.fromEntries([...upcoming.items, ...past.items].map((e) => [e.id, e.title])) };
}

/** The 好差评 of one site or event: how many, the average level, the share at 基本满意 or better. */
function RatingRow({ name, r }: { name: string; r: { count: number; average: number; satisfiedRate: number | null } }) {
  return (
    <View className="rq-dash__site">
      <Text className="rq-dash__site-name">{name}</Text>
      <Text className="jk-card__line">
        {r.count} 条 · 差评 {poorCount(r)} 条 · 平均 {r.average.toFixed(1)} 分 · 满意率 {percent(r.satisfiedRate)}
      </Text>
    </View>
  );
}

/** The zone's figures: the four rates with what they count, weekly rates (lines), requests by category (bars), 好差评 per site and event. */
export default function RequestDashboard() {
  const { pageClass } = useElderMode();
  const [weeks, setWeeks] = useState(8);
  const { from, to } = weeksUpTo(shanghaiToday(), weeks);
  const stats = useRequest(async () => {
    await ensureLogin();
    return fetchRequestStats(from, to);
  }, [from, to]);
  const names = useRequest(() => loadNames().catch(() => ({}) as Record<string, string>));
  const s = stats.data;
  const charts = s ? statsCharts(s) : undefined;
  const nameOf = (id: string) => names.data?.[id] ?? `编号 ${id.slice(-6)}`;
  const [exporting, setExporting] = useState(false);
  const exportFigures = async () => {
    setExporting(true);
    try {
      await downloadAndOpen('/api/staff/requests/stats/export', { from, to });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className={`${pageClass} rq-dash`}>
      <View className="jk-chips">
        {PERIODS.map((w) => (
          <Text key={w} {...pressed(weeks === w)} className={`jk-chip ${weeks === w ? 'jk-chip--on' : ''}`} onClick={() => setWeeks(w)}>
            近 {w} 周
          </Text>
        ))}
      </View>
      <PageState loading={stats.loading && !s} error={s ? undefined : stats.error} onRetry={stats.reload} />
      {s && charts && (
        <>
          <Text className="jk-muted">
            {s.from} 至 {s.to}，共收到诉求 {s.total} 件
          </Text>
          <View className="rq-dash__rates">
            {RATES.map((r) => (
              // The series colour marks the card (it is the chart's key); the figure is in the text colour,
              // since some series colours fall below 4.5:1 as text.
              <View key={r.key} className="rq-dash__rate" style={{ borderTopColor: r.color }}>
                <Text className="rq-dash__rate-value">{s[r.key] === null ? '暂无' : percent(s[r.key])}</Text>
                <Text className="rq-dash__rate-name">{r.name}</Text>
                <Text className="rq-dash__rate-def">{r.definition}</Text>
              </View>
            ))}
          </View>

          <View className="jk-card">
            <Text className="rq-dash__title">每周四率</Text>
            <Chart spec={charts.weekly} />
            <View className="rq-dash__legend">
              {RATES.map((r) => (
                <View key={r.key} className="rq-dash__key">
                  <View className="rq-dash__swatch" style={{ background: r.color }} />
                  <Text>{r.name}</Text>
                </View>
              ))}
            </View>
            <Text className="jk-muted">某周没有可计的诉求时，该周不画点。</Text>
          </View>

          <View className="jk-card">
            <Text className="rq-dash__title">各类别诉求数</Text>
            <Chart spec={charts.byCategory} />
          </View>

          <View className="jk-card">
            <Text className="rq-dash__title">各服务点好差评（差评多的在前）</Text>
            {s.ratings.bySite.length === 0 && <Text className="jk-muted">期内还没有评价</Text>}
            {mostPoorFirst(s.ratings.bySite).map((r) => (
              <RatingRow key={r.siteId} name={nameOf(r.siteId)} r={r} />
            ))}
            {s.ratings.byEvent.length > 0 && <Text className="rq-dash__title">各活动好差评</Text>}
            {mostPoorFirst(s.ratings.byEvent).map((r) => (
              <RatingRow key={r.eventId} name={nameOf(r.eventId)} r={r} />
            ))}
          </View>
          <Button fill="outline" type="primary" block disabled={exporting} onClick={() => void exportFigures()}>
            导出统计（Excel）
          </Button>
          <Text className="jk-muted">导出四率及定义、各类别和每周的数字，不含市民个人信息。</Text>
        </>
      )}
    </View>
  );
}
