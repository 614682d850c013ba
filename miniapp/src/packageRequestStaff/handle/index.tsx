import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import {
  RATING_LEVEL_LABELS,
  REQUEST_UNITS,
  REQUEST_UNIT_LABELS,
  requestTransitionBodySchema,
  type RequestTransitionBody,
  type RequestUnit,
} from '@jingkai/shared';
import { ensureLogin } from '../../services/auth';
import { ApiError } from '../../services/http';
import { fetchRequest, transitionRequest } from '../../services/requests';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import RequestSheet from '../../components/RequestSheet';
import { checkWith, TextAreaField } from '../../components/FormFields';
import { explain } from '../../utils/modal';
import { nextSteps } from '../../utils/requests';
import { toastDone } from '../../utils/toast';
import './index.scss';
import { pressed } from '../../utils/a11y';

const STEP_LABELS = { accepted: '受理', assigned: '转办', replied: '答复市民', closed: '办结关闭' } as const;

/** A request for staff: what the citizen wrote and the timeline, and the next steps (受理, 转办, 答复, 关闭). */
export default function HandleRequest() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const req = useRequest(async () => {
    await ensureLogin();
    return fetchRequest(id);
  }, [id]);
  const [unit, setUnit] = useState<RequestUnit>();
  const [reply, setReply] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const r = req.data;

  const take = async (to: RequestTransitionBody['to']) => {
    const body = { to, ...(to === 'assigned' && unit ? { unit } : {}), ...(to === 'replied' ? { reply } : {}) };
    const checked = checkWith(requestTransitionBodySchema, body, setErrors);
    if (!checked) return;
    setBusy(true);
    try {
      await transitionRequest(id, checked);
      toastDone(`已${STEP_LABELS[to].slice(0, 2)}`);
      setReply('');
      await req.reload();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(e.fields);
      else explain('没有办理成功', e);
      if (e instanceof ApiError && e.status === 409) await req.reload();
    } finally {
      setBusy(false);
    }
  };

  const steps = r ? nextSteps(r.status) : [];
  return (
    <View className={`${pageClass} rq-handle`}>
      <PageState loading={req.loading && !r} error={r ? undefined : req.error} onRetry={req.reload} />
      {r && (
        <>
          <RequestSheet r={r} forStaff />
          {steps.length > 0 && (
            <View className="jk-card rq-handle__actions">
              <Text className="rq-handle__title">办理</Text>
              {steps.includes('accepted') && r.status === 'held' && (
                <Text className="jk-muted">内容待人工审核：看过没有问题就受理，受理即放行。</Text>
              )}
              {steps.includes('accepted') && (
                <Button type="primary" size="large" block disabled={busy} onClick={() => void take('accepted')}>
                  {r.status === 'held' ? '审核通过并受理' : '受理'}
                </Button>
              )}
              {steps.includes('assigned') && (
                <View className="jk-field">
                  <Text className="jk-field__label">转办到</Text>
                  <View className="jk-chips">
                    {REQUEST_UNITS.map((u) => (
                      <Text
                        key={u}
                        {...pressed(unit === u)}
                        className={`jk-chip ${unit === u ? 'jk-chip--on' : ''}`}
                        onClick={() => setUnit(u)}
                      >
                        {REQUEST_UNIT_LABELS[u]}
                      </Text>
                    ))}
                  </View>
                  {errors.unit && <Text className="jk-field__error">{errors.unit}</Text>}
                  <Button fill="outline" type="primary" size="large" block disabled={busy} onClick={() => void take('assigned')}>
                    转办
                  </Button>
                </View>
              )}
              {steps.includes('replied') && (
                <View>
                  <TextAreaField
                    label="给市民的答复"
                    className="rq-handle__reply"
                    placeholder="说明处理结果，市民会收到通知"
                    maxlength={1000}
                    value={reply}
                    onChange={setReply}
                    error={errors.reply}
                  />
                  <Button type="primary" size="large" block disabled={busy} onClick={() => void take('replied')}>
                    答复市民
                  </Button>
                </View>
              )}
              {steps.includes('closed') && (
                <Button type="primary" size="large" block disabled={busy} onClick={() => void take('closed')}>
                  办结关闭
                </Button>
              )}
            </View>
          )}
          {r.rating && (
            <View className="jk-card">
              <Text className="rq-handle__title">市民评价：{RATING_LEVEL_LABELS[r.rating.level - 1]}</Text>
              {r.rating.comment && <Text className="jk-card__line">{r.rating.comment}</Text>}
            </View>
          )}
        </>
      )}
    </View>
  );
}
