import { View, Text, Input, Textarea } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import {
  NEWS_CATEGORIES,
  newsCategoryLabel,
  newsCategoryRulesSchema,
  newsImportSchema,
  newsNoticeSchema,
  type NewsCategory,
} from '@jingkai/shared';
import {
  fetchMe,
  fetchNewsRules,
  fetchNewsSyncStatus,
  fetchStaffNews,
  importNewsLink,
  patchNews,
  runNewsSync,
  saveNewsRules,
  writeNotice,
  type StaffNewsItem,
} from '../../services/api';
import { ApiError } from '../../services/http';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDate, formatDateTime } from '../../utils/format';
import './index.scss';
import { toast, toastError } from '../../utils/toast';
import { pressed, role } from '../../utils/a11y';

/** The five columns as big chips; extra chips may follow. */
function CategoryChips({ value, onPick, children }: { value: NewsCategory; onPick: (c: NewsCategory) => void; children?: ReactNode }) {
  return (
    <View className="jk-chips">
      {NEWS_CATEGORIES.map((c) => (
        <Text
          key={c.value}
          {...pressed(value === c.value)}
          className={`jk-chip ${value === c.value ? 'jk-chip--on' : ''}`}
          onClick={() => onPick(c.value)}
        >
          {c.label}
        </Text>
      ))}
      {children}
    </View>
  );
}

const ORIGIN: Record<StaffNewsItem['origin'], string> = { oa: '公众号同步', link: '链接导入', staff: '工作人员发布' };

/**
 * Staff keep 资讯 right: what the official account publishes arrives by itself; here they add
 * mass-send articles by link, write a notice, move an article to another column, or take one down.
 * Admins can also sync now and see how the last sync went.
 */
export default function StaffNews() {
  const { pageClass } = useElderMode();
  const me = useRequest(fetchMe);
  const admin = me.data?.roles.includes('admin') ?? false;
  const list = useRequest(() => fetchStaffNews(1));
  const status = useRequest(() => (admin ? fetchNewsSyncStatus() : Promise.resolve(null)), [admin]);
  const [ruleText, setRuleText] = useState<Record<string, string>>({});
  const rules = useRequest(async () => {
    if (!admin) return undefined;
    const r = await fetchNewsRules();
    setRuleText(Object.fromEntries(r.rules.map((x) => [x.category, x.keywords.join('，')])));
    return r;
  }, [admin]);
  const [link, setLink] = useState('');
  const [notice, setNotice] = useState<{ title: string; category: NewsCategory; text: string }>({
    title: '',
    category: 'notice',
    text: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string>();
  const [busy, setBusy] = useState(false);

  usePullDownRefresh(async () => {
    await Promise.all([list.reload(), status.reload()]);
    Taro.stopPullDownRefresh();
  });

  /** Runs a change, then says `done` (or what the change returned) and reloads the list. */
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      const said = await fn();
      toast(typeof said === 'string' ? said : done);
      await list.reload();
    } catch (e) {
      toastError(e, '没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const sync = () =>
    act(async () => {
      const r = await runNewsSync();
      await status.reload();
      if (r.failed) throw new ApiError(502, 'SYNC_FAILED', `同步中断：${r.error ?? ''}，下次会接着同步`);
    }, '同步完成');

  const importLink = () => {
    const parsed = newsImportSchema.safeParse({ url: link });
    if (!parsed.success) return setErrors({ url: parsed.error.issues[0]!.message });
    setErrors({});
    return act(async () => {
      await importNewsLink(parsed.data.url);
      setLink('');
    }, '已导入');
  };

  const publish = () => {
    const parsed = newsNoticeSchema.safeParse(notice);
    if (!parsed.success) {
      const e: Record<string, string> = {};
      for (const i of parsed.error.issues) e[String(i.path[0])] ??= i.message;
      return setErrors(e);
    }
    setErrors({});
    return act(async () => {
      await writeNotice(parsed.data);
      setNotice({ title: '', category: 'notice', text: '' });
    }, '已发布');
  };

  const saveRules = () => {
    const rules = NEWS_CATEGORIES.map((c) => ({
      category: c.value,
      keywords: (ruleText[c.value] ?? '')
        .split(/[，,、\s]+/)
        .map((k) => k.trim())
        .filter(Boolean),
    }));
    const parsed = newsCategoryRulesSchema.safeParse({ rules });
    if (!parsed.success) return toast(parsed.error.issues[0]!.message);
    return act(async () => `已保存，重新归类 ${(await saveNewsRules(parsed.data.rules)).reclassified} 篇`, '已保存');
  };

  const last = status.data?.lastSync;
  return (
    <View className={`${pageClass} staff-news`}>
      {admin && (
        <View className="jk-card staff-news__card">
          <Text className="jk-section-title">公众号同步</Text>
          <Text className="jk-muted">
            {last
              ? `上次 ${formatDateTime(last.at)}：新增 ${last.created}，更新 ${last.updated}，下线 ${last.hidden}${last.failed ? `，中断（${last.error ?? ''}）` : ''}`
              : '还没有同步过'}
          </Text>
          <Button type="primary" block disabled={busy} onClick={sync}>
            现在同步
          </Button>
        </View>
      )}

      {admin && rules.data && (
        <View className="jk-card staff-news__card">
          <Text className="jk-section-title">分类规则</Text>
          <Text className="jk-muted">标题里有关键词的文章归入该栏目（标题优先于摘要）；都没有的归入开发区动态。关键词用逗号分开。</Text>
          {NEWS_CATEGORIES.map((c) => (
            <View key={c.value} className="jk-field">
              <Text className="jk-field__label">{c.label}</Text>
              <Input
                className="jk-field__input"
                nativeProps={{ 'aria-label': `${c.label}关键词` }}
                value={ruleText[c.value] ?? ''}
                onInput={(e) => setRuleText({ ...ruleText, [c.value]: e.detail.value })}
              />
            </View>
          ))}
          <Button type="primary" fill="outline" block disabled={busy} onClick={saveRules}>
            保存规则并重新归类
          </Button>
        </View>
      )}

      <View className="jk-card staff-news__card">
        <Text className="jk-section-title">导入公众号文章链接</Text>
        <Text className="jk-muted">群发的文章不会自动同步，把文章链接粘贴到这里。</Text>
        <View className="jk-field">
          <Input
            className="jk-field__input"
            nativeProps={{ 'aria-label': '公众号文章链接' }}
            value={link}
            placeholder="https://mp.weixin.qq.com/s/..."
            onInput={(e) => setLink(e.detail.value)}
          />
          {errors.url && <Text className="jk-field__error">{errors.url}</Text>}
        </View>
        <Button type="primary" fill="outline" block disabled={busy} onClick={importLink}>
          导入
        </Button>
      </View>

      <View className="jk-card staff-news__card">
        <Text className="jk-section-title">发布通知</Text>
        <View className="jk-field">
          <Text className="jk-field__label">标题</Text>
          <Input
            className="jk-field__input"
            nativeProps={{ 'aria-label': '通知标题' }}
            value={notice.title}
            maxlength={64}
            onInput={(e) => setNotice({ ...notice, title: e.detail.value })}
          />
          {errors.title && <Text className="jk-field__error">{errors.title}</Text>}
        </View>
        <Text className="jk-field__label">栏目</Text>
        <CategoryChips value={notice.category} onPick={(category) => setNotice({ ...notice, category })} />
        <View className="jk-field">
          <Text className="jk-field__label">正文</Text>
          <Textarea
            className="jk-field__input jk-field__textarea"
            value={notice.text}
            maxlength={5000}
            placeholder="空一行分段"
            nativeProps={{ 'aria-label': '通知正文' }}
            onInput={(e) => setNotice({ ...notice, text: e.detail.value })}
          />
          {errors.text && <Text className="jk-field__error">{errors.text}</Text>}
        </View>
        <Button type="primary" block disabled={busy} onClick={publish}>
          发布
        </Button>
      </View>

      <Text className="jk-section-title">全部文章（{list.data?.total ?? 0}）</Text>
      <PageState loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={list.reload} />
      {list.data?.items.map((a) => (
        <View key={a.id} className={`jk-card staff-news__item ${a.hidden ? 'staff-news__item--hidden' : ''}`}>
          <Text
            className="staff-news__title"
            {...role('button')}
            aria-expanded={open === a.id ? 'true' : 'false'}
            onClick={() => setOpen(open === a.id ? undefined : a.id)}
          >
            {a.title}
          </Text>
          <Text className="jk-muted">
            {newsCategoryLabel(a.category)}
            {a.categoryOverride ? '（人工）' : ''} · {ORIGIN[a.origin]} · {formatDate(a.publishedAt)}
            {a.hidden ? (a.hiddenBy === 'source' ? ' · 公众号已删除' : ' · 已下线') : ''}
            {a.pinned ? ' · 置顶' : ''}
          </Text>
          {open === a.id && (
            <View className="staff-news__actions">
              <CategoryChips
                value={a.category}
                onPick={(category) => act(() => patchNews(a.id, { category }), `已移到${newsCategoryLabel(category)}`)}
              >
                {a.categoryOverride && (
                  <Text
                    className="jk-chip"
                    {...role('button')}
                    onClick={() => act(() => patchNews(a.id, { category: null }), '已按规则归类')}
                  >
                    按规则（{newsCategoryLabel(a.ruleCategory)}）
                  </Text>
                )}
              </CategoryChips>
              <Button
                size="small"
                type="primary"
                fill="outline"
                disabled={busy || a.hidden}
                onClick={() => act(() => patchNews(a.id, { pinned: !a.pinned }), a.pinned ? '已取消置顶' : '已置顶到首页')}
              >
                {a.pinned ? '取消置顶' : '置顶到首页'}
              </Button>
              <Button
                size="small"
                type={a.hidden ? 'primary' : 'danger'}
                fill="outline"
                disabled={busy}
                onClick={() => act(() => patchNews(a.id, { hidden: !a.hidden }), a.hidden ? '已上线' : '已下线')}
              >
                {a.hidden ? '重新上线' : '下线'}
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
