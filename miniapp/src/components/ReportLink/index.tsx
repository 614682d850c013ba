import { Button } from '@nutui/nutui-react-taro';
import type { RequestCategory } from '@jingkai/shared';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';

/**
 * 有问题？反映一下: opens the filing form with the category of the page it is on and, on a booking's
 * or a registration's page, what the request will be about (its kind and id; no display text). An
 * outlined button, so it reads as something to tap (a bare text link did not).
 */
export default function ReportLink({
  category,
  about,
}: {
  category: RequestCategory;
  about?: { kind: 'booking' | 'registration'; id: string };
}) {
  return (
    <Button
      fill="outline"
      type="primary"
      size="large"
      block
      onClick={() => go(PAGES.requestNew, { category, ...(about ? { aboutKind: about.kind, aboutId: about.id } : {}) })}
    >
      有问题？反映一下
    </Button>
  );
}
