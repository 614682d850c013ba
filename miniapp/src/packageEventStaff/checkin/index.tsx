import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { decodeTicket, toIso, type OfflineList } from '@jingkai/shared';
import { checkInOnline, fetchOfflineList, fetchStaffEvents, uploadScans } from '../../services/events-staff';
import { ApiError } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { indexList, verifyOffline, type LocalEntry } from '../../utils/offline-checkin';
import { drainScans, enqueueScan, makeNonce, pendingScans, type KeyValue } from '../../utils/gate-queue';
import { formatDateTime, formatTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { toast } from '../../utils/toast';
import './index.scss';
import { pressed } from '../../utils/a11y';

const storage: KeyValue = {
  get: <T,>(key: string) => (Taro.getStorageSync(key) as T | '') || undefined,
  set: (key, value) => Taro.setStorageSync(key, value),
};
const GATE_KEY = 'jk.gate';
const listKey = (eventId: string) => `jk.gate.list.${eventId}`;
const localKey = (eventId: string) => `jk.gate.local.${eventId}`;
/** While offline, how often the page tries to upload the queue (and so to come back online). */
const RETRY_MS = 10_000;

interface Panel {
  tone: 'ok' | 'warn' | 'bad';
  title: string;
  lines: string[];
}

const entered = (at: string | null | undefined, gate: string | null | undefined) =>
  at ? `已于 ${formatTime(at)}${gate ? ` 在 ${gate} ` : ' '}入场` : '已入场（名单下载前）';

/**
 * 巴特尔 at the gate: pick the event and name the gate, then scan. Online, one request answers; when
 * it gets no answer within 3 s the page checks tickets against the downloaded list by itself, queues
 * the scans and uploads them when the network is back.
 */
export default function EventCheckin() {
  const { pageClass } = useElderMode();
  const saved = storage.get<{ eventId?: string; gate?: string }>(GATE_KEY) ?? {};
  const scope = useRequest(fetchStaffEvents);
  const [picked, setPicked] = useState<string | undefined>(saved.eventId);
  const [gate, setGate] = useState(saved.gate ?? '');
  const events = scope.data?.events ?? [];
  const eventId = events.some((e) => e.id === picked) ? picked : events[0]?.id;
  const admin = scope.data?.me.roles.includes('admin') ?? false;

  const [list, setList] = useState<OfflineList>();
  const book = useMemo(() => (list ? indexList(list) : undefined), [list]);
  const [offline, setOffline] = useState(false);
  const [queued, setQueued] = useState(pendingScans(storage).length);
  const [panel, setPanel] = useState<Panel>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => storage.set(GATE_KEY, { eventId, gate }), [eventId, gate]);

  const download = async (id: string, quiet = false) => {
    try {
      const fresh = await fetchOfflineList(id);
      storage.set(listKey(id), fresh);
      setList(fresh);
      if (!quiet) toast(`已下载离线名单 ${fresh.tickets.length} 张票`);
    } catch (e) {
      if (!quiet) toast(e instanceof ApiError ? e.message : '下载失败，请稍后再试');
    }
  };
  useEffect(() => {
    if (!eventId) return;
    setList(storage.get<OfflineList>(listKey(eventId)));
    void download(eventId, true);
  }, [eventId]);

  const upload = async () => {
    if (!pendingScans(storage).length) return setOffline(false);
    try {
      const answers = await drainScans(storage, uploadScans);
      setOffline(false);
      setQueued(pendingScans(storage).length);
      const dup = answers.filter((a) => a.result === 'duplicate').length;
      toast(dup ? `已上传 ${answers.length} 条，其中 ${dup} 条在其他入口已入场` : `网络已恢复，已上传 ${answers.length} 条`);
    } catch {
      setOffline(true);
    }
  };
  // Offline, or with scans left from before: keep trying to upload.
  const timer = useRef<number>();
  useEffect(() => {
    if (!offline && !queued) return;
    timer.current = setTimeout(() => void upload(), offline ? RETRY_MS : 0);
    return () => clearTimeout(timer.current);
  }, [offline, queued]);

  const remember = (id: string, ticketId: string, entry: LocalEntry) => {
    const local = storage.get<Record<string, LocalEntry>>(localKey(id)) ?? {};
    if (!local[ticketId]) storage.set(localKey(id), { ...local, [ticketId]: entry });
  };

  const checkOffline = (id: string, ticket: string): Panel => {
    if (!book) return { tone: 'bad', title: '无法核验', lines: ['网络不稳，本机还没有离线名单', '请在有网络时进入本页下载'] };
    const local = storage.get<Record<string, LocalEntry>>(localKey(id)) ?? {};
    const now = new Date();
    const v = verifyOffline(book, ticket, local, now);
    if (v.kind === 'refused') return { tone: 'bad', title: '不能入场', lines: [v.reason] };
    if (v.kind === 'already') return { tone: 'warn', title: '已入场', lines: [v.name, entered(v.firstAt, v.firstGate)] };
    const at = toIso(now);
    remember(id, v.ticketId, { at, gate });
    setQueued(enqueueScan(storage, { ticket, gate, scannedAt: at, nonce: makeNonce(Date.now()) }));
    return { tone: 'ok', title: '验票通过', lines: [v.name, '离线核验，恢复网络后自动上传'] };
  };

  const check = async (raw: string) => {
    const ticket = raw.trim();
    if (!eventId || !ticket) return;
    setBusy(true);
    setPanel(undefined);
    try {
      if (offline) return setPanel(checkOffline(eventId, ticket));
      try {
        const r = await checkInOnline({ ticket, gate, eventId });
        // Remembered for offline mode: a second scan here after the network drops is yellow too.
        const claims = decodeTicket(ticket)?.claims;
        if (claims) remember(eventId, claims.ticketId, { at: r.checkedInAt, gate });
        setPanel({ tone: 'ok', title: '验票通过', lines: [r.attendee, `场次 ${formatDateTime(r.sessionStartAt)}`] });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.status === 0) {
          setOffline(true);
          setPanel(checkOffline(eventId, ticket));
        } else if (e.code === 'ALREADY_CHECKED_IN') {
          const at = e.details.firstCheckedInAt as string | undefined;
          const first = e.details.firstGate as string | undefined;
          const name = book?.names.get(decodeTicket(ticket)?.claims.ticketId ?? '')?.name;
          setPanel({ tone: 'warn', title: '已入场', lines: [...(name ? [name] : []), entered(at, first), '同一张票不能重复入场'] });
        } else {
          setPanel({ tone: 'bad', title: '不能入场', lines: [e.message] });
        }
      }
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await check(r.result);
    } catch {
      toast('没有扫到二维码');
    }
  };

  return (
    <View className={`${pageClass} gate`}>
      <PageState
        loading={scope.loading && !scope.data}
        error={scope.data ? undefined : scope.error}
        empty={!!scope.data && events.length === 0}
        emptyText="您还没有负责的活动，请联系管理员开通"
        onRetry={scope.reload}
      />
      {eventId && (
        <>
          <View className="jk-chips">
            {events.map((e) => (
              <Text
                key={e.id}
                {...pressed(eventId === e.id)}
                className={`jk-chip ${eventId === e.id ? 'jk-chip--on' : ''}`}
                onClick={() => setPicked(e.id)}
              >
                {e.title}
              </Text>
            ))}
          </View>
          <View className="jk-field gate__gate">
            <Text className="jk-field__label">入口</Text>
            <Input
              className="jk-field__input"
              value={gate}
              maxlength={20}
              placeholder="如：东门"
              onInput={(e) => setGate(e.detail.value)}
            />
          </View>
          {offline && <Text className="gate__offline">网络不稳，已切换离线核验，恢复后自动上传 {queued} 条</Text>}
          {!offline && queued > 0 && <Text className="gate__offline">还有 {queued} 条离线记录待上传</Text>}
          {process.env.TARO_ENV === 'weapp' && (
            <Button type="primary" size="large" block disabled={busy} onClick={scan}>
              扫码核验
            </Button>
          )}
          <View className="jk-field">
            <Text className="jk-field__label">电子票</Text>
            <Input
              className="jk-field__input"
              value={code}
              maxlength={200}
              placeholder="扫码枪或粘贴票码"
              onInput={(e) => setCode(e.detail.value)}
              onConfirm={() => void check(code)}
            />
          </View>
          <Button type="primary" size="large" block disabled={busy} onClick={() => void check(code)}>
            核验
          </Button>
          {panel && (
            <View className={`gate__panel gate__panel--${panel.tone}`}>
              <Text className="gate__title">{panel.title}</Text>
              {panel.lines.map((l) => (
                <Text key={l} className="gate__line">
                  {l}
                </Text>
              ))}
            </View>
          )}
          <Text className="jk-muted">
            {list ? `离线名单：${list.tickets.length} 张票，更新于 ${formatTime(list.asOf)}` : '还没有离线名单，有网络时会自动下载'}
          </Text>
          <View className="gate__tools">
            <Button fill="outline" type="primary" onClick={() => void download(eventId)}>
              更新离线名单
            </Button>
            <Button fill="outline" type="primary" onClick={() => go(PAGES.eventCounts, { eventId })}>
              实时人数
            </Button>
            <Button fill="outline" type="primary" onClick={() => go(PAGES.eventAttendees, { eventId })}>
              报名名单
            </Button>
            {admin && (
              <Button fill="outline" type="primary" onClick={() => go(PAGES.eventEdit, { id: eventId })}>
                编辑活动
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  );
}
