import { Button } from '@nutui/nutui-react-taro';
import type { RequestCategory } from '@jingkai/shared';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';

/** 有问题？反映一下: opens the filing form with the category of the page it is on. */
export default function ReportLink({ category }: { category: RequestCategory }) {
  return (
    <Button fill="none" size="large" block onClick={() => go(PAGES.requestNew, { category })}>
      有问题？反映一下
    </Button>
  );
}
