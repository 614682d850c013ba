import { View, Text } from '@tarojs/components';
import { REQUEST_UNIT_LABELS, type RequestStatus, type RequestUnit } from '@jingkai/shared';
import type { MyRequestItem } from '../../services/requests';
import { formatDateTime } from '../../utils/format';
import { categoryLabel, dueText, statusLabel } from '../../utils/requests';
import './index.scss';

interface Props {
  r: MyRequestItem & { excerpt?: string; unit?: RequestUnit | null };
  onClick: () => void;
}

/** A request's status as a coloured tag: blue while with staff, green once answered, amber while held for review. */
export function StatusTag({ status }: { status: RequestStatus }) {
  return <Text className={`jk-rq-status jk-rq-status--${status}`}>{statusLabel(status)}</Text>;
}

/** A request in a list (the citizen's 我的诉求, the staff's queue): number, category, status and deadline. */
export default function RequestCard({ r, onClick }: Props) {
  const due = dueText(r);
  return (
    <View className={`jk-card jk-rq-card ${r.overdue ? 'jk-rq-card--overdue' : ''}`} hoverClass="jk-pressed" onClick={onClick}>
      <View className="jk-rq-card__row">
        <Text className="jk-rq-card__title">
          {categoryLabel(r.category)}
          {r.followUpOf ? ' · 回访' : ''}
        </Text>
        <StatusTag status={r.status} />
      </View>
      {r.excerpt && <Text className="jk-rq-card__excerpt">{r.excerpt}</Text>}
      <Text className="jk-rq-card__line">
        编号 {r.trackingNo}
        {r.unit ? ` · ${REQUEST_UNIT_LABELS[r.unit]}` : ''}
      </Text>
      <Text className="jk-rq-card__line">提交于 {formatDateTime(r.receivedAt)}</Text>
      {due && <Text className={`jk-rq-card__due ${r.overdue ? 'jk-rq-card__due--late' : ''}`}>{due}</Text>}
    </View>
  );
}
