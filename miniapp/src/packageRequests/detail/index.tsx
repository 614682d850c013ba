import { View, Text } from '@tarojs/components';
import { checkWith, TextAreaField } from '../../components/FormFields';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { requestAdditionBodySchema } from '@jingkai/shared';
import { ensureLogin } from '../../services/auth';
import { ApiError } from '../../services/http';
import { addInformation, fetchRequest, rateRequest } from '../../services/requests';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import RatingFaces from '../../components/RatingFaces';
import RequestSheet from '../../components/RequestSheet';
import { formatDateTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { isOpen } from '../../utils/requests';
import { PAGES } from '../../utils/route';
import { toastDone, toastError } from '../../utils/toast';
import './index.scss';

/** A request of the citizen: its progress, the reply, adding information while open, and the rating once replied. */
export default function RequestDetailPage() {
  const { pageClass } = useElderMode();
  const { id, fresh } = useRouteParams('id', 'fresh');
  const req = useRequest(async () => {
    await ensureLogin();
    return fetchRequest(id);
  }, [id]);
  const [more, setMore] = useState('');
  const [moreError, setMoreError] = useState<string>();
  const [sending, setSending] = useState(false);
  const r = req.data;

  const sendMore = async () => {
    const checked = checkWith(requestAdditionBodySchema, { text: more }, (e) => setMoreError(e.text));
    if (!checked) return;
    setSending(true);
    try {
      await addInformation(id, checked.text);
      setMore('');
      toastDone('已补充');
      await req.reload();
    } catch (e) {
      if (e instanceof ApiError && (e.fields.text || e.code === 'CONTENT_RISKY')) setMoreError(e.fields.text ?? e.message);
      else toastError(e, '没有补充成功');
    } finally {
      setSending(false);
    }
  };

  return (
    <View className={`${pageClass} rq-detail`}>
      <PageState loading={req.loading && !r} error={r ? undefined : req.error} onRetry={req.reload} />
      {r && (
        <>
          {fresh === '1' && (
            <View className="rq-detail__banner">
              <Text className="rq-detail__banner-title">{r.status === 'held' ? '已提交，正在审核' : '已提交'}</Text>
              <Text className="rq-detail__banner-text">
                编号 {r.trackingNo}，将在 {formatDateTime(r.acceptDueAt)} 前受理。办理进度会通知您。
              </Text>
            </View>
          )}
          <RequestSheet r={r} />

          {isOpen(r.status) && (
            <View className="jk-card">
              <TextAreaField label="补充情况" placeholder="有新的情况可以在这里补充" value={more} onChange={setMore} error={moreError} />
              <Button fill="outline" type="primary" block disabled={sending} onClick={() => void sendMore()}>
                提交补充
              </Button>
            </View>
          )}

          {(r.rateable || r.rating) && (
            <RatingFaces
              rating={r.rating}
              title="您对这次答复满意吗？"
              submit={(body) => rateRequest(id, body)}
              onRated={() => void req.reload()}
            />
          )}

          {r.followUpOf && (
            <Button fill="none" size="large" block onClick={() => go(PAGES.requestDetail, { id: r.followUpOf! })}>
              查看原来的诉求
            </Button>
          )}
          {r.followUps.map((f) => (
            <View
              key={f.id}
              className="jk-card rq-detail__follow"
              hoverClass="jk-pressed"
              onClick={() => go(PAGES.requestDetail, { id: f.id })}
            >
              <Text className="rq-detail__follow-title">回访 {f.trackingNo}</Text>
              <Text className="jk-muted">工作人员正在跟进，点此查看进度</Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}
