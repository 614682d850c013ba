import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { REGISTRATION_STATUS_LABELS, REGISTRATION_STATUSES, type RegistrationStatus } from '@jingkai/shared';
import { fetchAttendees, fetchEventCounts, fetchStaffEvents } from '../../services/events-staff';
import { downloadAndOpen } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatTime } from '../../utils/format';
import './index.scss';
import { pressed } from '../../utils/a11y';

/** The event's attendees for its staff (name, ID number and phone masked), by session and status, with the Excel export. */
export default function EventAttendees() {
  const { pageClass } = useElderMode();
  const params = useRouteParams('eventId');
  // Opened from 我的 without an event: the staff member's events to pick from.
  const scope = useRequest(async () => (params.eventId ? undefined : (await fetchStaffEvents()).events), [params.eventId]);
  const [picked, setPicked] = useState<string>();
  const eventId = params.eventId || picked || scope.data?.[0]?.id || '';
  const [sessionId, setSessionId] = useState<string>();
  const [status, setStatus] = useState<RegistrationStatus>();
  const sessions = useRequest(async () => (eventId ? fetchEventCounts(eventId) : undefined), [eventId]);
  const query = { ...(sessionId ? { sessionId } : {}), ...(status ? { status } : {}) };
  const shownFor = `${sessionId ?? ''}|${status ?? ''}`;
  const list = useRequest(
    async () => (eventId ? { for: `${eventId}|${shownFor}`, ...(await fetchAttendees(eventId, query)) } : undefined),
    [eventId, shownFor],
  );
  const data = list.data?.for === `${eventId}|${shownFor}` ? list.data : undefined;

  const [exporting, setExporting] = useState(false);
  const exportList = async () => {
    setExporting(true);
    try {
      await downloadAndOpen(`/api/staff/events/${eventId}/attendees/export`, query);
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className={`${pageClass} attendees`}>
      {scope.data && scope.data.length === 0 && <Text className="jk-muted">您还没有负责的活动，请联系管理员开通</Text>}
      {scope.data && scope.data.length > 1 && (
        <View className="jk-chips">
          {scope.data.map((e) => (
            <Text
              key={e.id}
              {...pressed(eventId === e.id)}
              className={`jk-chip ${eventId === e.id ? 'jk-chip--on' : ''}`}
              onClick={() => (setPicked(e.id), setSessionId(undefined))}
            >
              {e.title}
            </Text>
          ))}
        </View>
      )}
      {sessions.data && <Text className="jk-section-title">{sessions.data.title}</Text>}
      <View className="jk-chips">
        <Text {...pressed(!sessionId)} className={`jk-chip ${!sessionId ? 'jk-chip--on' : ''}`} onClick={() => setSessionId(undefined)}>
          全部场次
        </Text>
        {sessions.data?.sessions.map((s) => (
          <Text
            key={s.id}
            {...pressed(sessionId === s.id)}
            className={`jk-chip ${sessionId === s.id ? 'jk-chip--on' : ''}`}
            onClick={() => setSessionId(s.id)}
          >
            {s.label}
          </Text>
        ))}
      </View>
      <View className="jk-chips attendees__status">
        <Text {...pressed(!status)} className={`jk-chip ${!status ? 'jk-chip--on' : ''}`} onClick={() => setStatus(undefined)}>
          全部
        </Text>
        {REGISTRATION_STATUSES.map((s) => (
          <Text key={s} {...pressed(status === s)} className={`jk-chip ${status === s ? 'jk-chip--on' : ''}`} onClick={() => setStatus(s)}>
            {REGISTRATION_STATUS_LABELS[s]}
          </Text>
        ))}
      </View>
      <Button fill="outline" type="primary" block disabled={exporting} onClick={exportList}>
        导出名单（Excel）
      </Button>
      <Text className="jk-muted">姓名、身份证号、手机号均已隐去部分，每次导出都会记录。</Text>
      <PageState
        loading={(list.loading || scope.loading) && !data && !!(eventId || scope.loading)}
        error={data ? undefined : list.error}
        empty={!!data && data.items.length === 0}
        emptyText="没有符合条件的报名"
        onRetry={list.reload}
      />
      {data && <Text className="attendees__total">共 {data.total} 人</Text>}
      {data?.items.map((a) => (
        <View key={`${a.registrationId}-${a.index}`} className="jk-card attendees__card">
          <View className="attendees__head">
            <Text className="jk-card__title">{a.name}</Text>
            <Text className={`attendees__tag attendees__tag--${a.checkedInAt ? 'in' : a.status}`}>
              {a.checkedInAt ? '已入场' : a.position ? `候补第 ${a.position} 位` : REGISTRATION_STATUS_LABELS[a.status]}
            </Text>
          </View>
          <Text className="jk-card__line">
            {a.idNumber}
            {a.phone ? ` · ${a.phone}` : ''}
          </Text>
          <Text className="jk-card__line">
            {a.sessionLabel}
            {a.checkedInAt ? ` · ${formatTime(a.checkedInAt)} ${a.gate ?? ''}入场` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
