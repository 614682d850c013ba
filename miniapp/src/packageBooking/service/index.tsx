import { View, Text, ScrollView } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { mealOf, type ServiceSite } from '@jingkai/shared';
import { fetchService, fetchSlots } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import CallButton from '../../components/CallButton';
import { formatDistance, formatTime } from '../../utils/format';
import { distanceMetres, locationType, toSiteDatum, type LatLng } from '../../utils/geo';
import { addDays, dateChip, shanghaiToday, slotDays } from '../../utils/dates';
import { dayNote, firstOpenDay, rulesText } from '../../utils/booking';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { toast } from '../../utils/toast';
import { role } from '../../utils/a11y';
import './index.scss';

const LOCATION_TYPE = locationType(process.env.TARO_ENV);

/** A service: its places (nearest first when the citizen shares a location), a date strip and the free slots. */
export default function ServicePage() {
  const { elder, pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const today = shanghaiToday();
  const svc = useRequest(() => fetchService(id), [id]);
  const days = slotDays(svc.data?.rules.opensDaysAhead);
  const slots = useRequest(() => fetchSlots(id, today, addDays(today, days - 1)), [id, days]);
  const [here, setHere] = useState<LatLng>();
  const [siteId, setSiteId] = useState<string>();
  // Until she picks a date, the strip starts on the first day with a free place at the chosen site.
  const [picked, setPicked] = useState<string>();

  const sites = useMemo(() => {
    const list = [...(svc.data?.sites ?? [])];
    if (here) list.sort((a, b) => distanceMetres(here, a.location) - distanceMetres(here, b.location));
    return list;
  }, [svc.data, here]);
  const site: ServiceSite | undefined = sites.find((s) => s.id === siteId) ?? sites[0];
  const siteSlots = (slots.data?.items ?? []).filter((s) => s.siteId === site?.id);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i));
  const date = picked ?? firstOpenDay(dates, siteSlots) ?? today;
  const daySlots = siteSlots.filter((s) => s.start.startsWith(date));

  // Picking a station brings its dates into view (pageScrollTo with a selector: both builds).
  const pickSite = (sid: string) => {
    setSiteId(sid);
    setPicked(undefined);
    void Taro.pageScrollTo({ selector: '#svc-dates', duration: 300 }).catch(() => undefined);
  };

  const locate = async () => {
    try {
      const loc = await Taro.getLocation({ type: LOCATION_TYPE });
      setHere(toSiteDatum({ lat: loc.latitude, lng: loc.longitude }, LOCATION_TYPE));
    } catch {
      toast('未获取到位置，按默认顺序显示');
    }
  };

  return (
    <View className={`${pageClass} svc`}>
      <PageState loading={svc.loading && !svc.data} error={svc.data ? undefined : svc.error} onRetry={svc.reload} />
      {svc.data && (
        <>
          <Text className="svc__name">{svc.data.name}</Text>
          <Text className="svc__desc">{svc.data.description}</Text>
          <Text className="svc__desc svc__rules">{rulesText(svc.data.rules)}</Text>

          <View className="svc__section">
            <Text className="jk-section-title">选择服务点</Text>
            {sites.length > 1 && (
              <Text className="svc__locate" onClick={locate}>
                {here ? '已按距离排序' : '按离我最近排序'}
              </Text>
            )}
          </View>
          {/* 长辈版: one compact row per station (name, distance, a 选择 mark), the chosen one with its address. */}
          <View className={`svc__sites ${elder ? 'svc__sites--compact' : ''}`}>
            {sites.map((s) => {
              const on = site?.id === s.id;
              const away = here ? formatDistance(distanceMetres(here, s.location)) : '';
              return (
                <View {...role('button')} key={s.id} className={`svc__site ${on ? 'svc__site--on' : ''}`} onClick={() => pickSite(s.id)}>
                  <View className="svc__site-text">
                    <Text className="svc__site-name">{s.name}</Text>
                    {elder && away && <Text className="svc__site-line">距您 {away}</Text>}
                    {(!elder || on) && <Text className="svc__site-line">{s.address}</Text>}
                    {!elder && (
                      <Text className="svc__site-line">
                        {s.hours}
                        {here ? ` · ${away}` : ''}
                      </Text>
                    )}
                  </View>
                  {elder && <Text className="svc__site-pick">{on ? '已选' : '选择'}</Text>}
                </View>
              );
            })}
          </View>

          <Text className="jk-section-title" id="svc-dates">
            选择日期
          </Text>
          <ScrollView scrollX className="svc__dates">
            {dates.map((d) => {
              const chip = dateChip(d, today);
              const note = dayNote(siteSlots, d);
              return (
                <View {...role('button')} key={d} className={`svc__date ${d === date ? 'svc__date--on' : ''}`} onClick={() => setPicked(d)}>
                  <Text className="svc__date-week">{chip.week}</Text>
                  <Text className="svc__date-day">{chip.day}</Text>
                  <Text className={`svc__date-free ${note.open ? '' : 'svc__date-free--closed'}`}>{note.text}</Text>
                </View>
              );
            })}
          </ScrollView>

          <Text className="jk-section-title">选择时段</Text>
          <PageState
            loading={slots.loading && !slots.data}
            error={slots.data ? undefined : slots.error}
            empty={!!slots.data && daySlots.length === 0}
            emptyText="这一天没有可预约的时段"
            onRetry={slots.reload}
          />
          {/* A site with a weekly menu shows each slot's dishes: one slot a row, so the menu reads in a line or two. */}
          <View className={`svc__slots ${site?.menu?.length ? 'svc__slots--menu' : ''}`}>
            {daySlots.map((s) => {
              const dishes = mealOf(site, s.start);
              return (
                <View
                  key={s.id}
                  className={`svc__slot ${s.remaining === 0 || !s.bookable ? 'svc__slot--full' : ''}`}
                  onClick={() => s.bookable && s.remaining > 0 && go(PAGES.bookingForm, { serviceId: id, slotId: s.id })}
                >
                  <View className="svc__slot-head">
                    <Text className="svc__slot-time">
                      {formatTime(s.start)}-{formatTime(s.end)}
                    </Text>
                    <Text className="svc__slot-left">{s.unavailableReason ?? `剩 ${s.remaining} 个`}</Text>
                  </View>
                  {dishes && <Text className="svc__slot-menu">菜单：{dishes}</Text>}
                </View>
              );
            })}
          </View>

          {site && <CallButton phone={site.phone} note={site.name} />}
        </>
      )}
    </View>
  );
}
