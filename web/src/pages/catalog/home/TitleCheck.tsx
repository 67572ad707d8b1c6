import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Input, List, Progress, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { catalogApi, type TitleIssue, type TitleKeywords } from '../../../api/catalog';
import { type TFunction, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import type { MessageKey } from '../../../locales';

/** Display only (the server's catalog.rules decides): ASCII 1 byte, anything else 2. */
const gbkBytes = (s: string) => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! <= 0x7f ? 1 : 2), 0);

export function issueText(t: TFunction, i: TitleIssue): string {
  switch (i.code) {
    case 'too_long':
      return t('cat.issue.too_long', { bytes: i.bytes, max: i.max, over: i.overBy });
    case 'banned_word':
      return t('cat.issue.banned_word', { word: i.word });
    case 'not_gbk':
      return t('cat.issue.not_gbk', { chars: i.chars.join(' ') });
    default:
      return t(`cat.issue.${i.code}` as MessageKey);
  }
}

/** Checks a title while it is typed (the same rules as the server's catalog.rules). */
export function TitleCheck() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'title' | 'subtitle'>('title');
  const access = useAccess();
  const code = access.store?.code ?? '';
  const max = kind === 'title' ? 60 : 150;
  const deferred = useDeferredValue(text);
  const check = useQuery({
    queryKey: ['title-check', code, kind, deferred],
    queryFn: () => catalogApi.titleCheck(code, deferred, kind),
    enabled: !!deferred.trim(),
  });
  const issues = check.data?.issues ?? [];
  return (
    <Card size="small">
      <Flex vertical gap={12}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          optionType="button"
          options={[
            { value: 'title', label: t('cat.kind.title') },
            { value: 'subtitle', label: t('cat.kind.subtitle') },
          ]}
        />
        <Input.TextArea
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('cat.titlePlaceholder')}
          data-testid="title-input"
        />
        <Typography.Text type={gbkBytes(text) > max ? 'danger' : 'secondary'} data-testid="title-bytes">
          {t('cat.bytes', { n: gbkBytes(text), max })}
        </Typography.Text>
        {text &&
          check.data &&
          (issues.length ? (
            <List
              size="small"
              bordered
              dataSource={issues}
              data-testid="title-issues"
              renderItem={(i) => <List.Item>{issueText(t, i)}</List.Item>}
            />
          ) : (
            <Alert type="success" showIcon message={t('cat.titleOk')} data-testid="title-ok" />
          ))}
        {text && check.data?.keywords && <KeywordCoverage k={check.data.keywords} />}
        <Typography.Paragraph type="secondary">{t('cat.titleRules')}</Typography.Paragraph>
      </Flex>
    </Card>
  );
}

/** Coverage of the store's search terms and the high-volume terms the title misses. */
function KeywordCoverage({ k }: { k: TitleKeywords }) {
  const { t } = useI18n();
  if (!k.terms) return <Alert type="info" showIcon message={t('cat.kw.none')} data-testid="title-kw-none" />;
  const pct = Math.round(k.coverage * 100);
  return (
    <Flex vertical gap={6} data-testid="title-keywords">
      <Tooltip title={t('cat.coverage.tip')}>
        <Typography.Text>{t('cat.kw.coverage', { pct, n: k.terms })}</Typography.Text>
      </Tooltip>
      <Progress percent={pct} size="small" status={pct < 50 ? 'exception' : 'normal'} />
      {k.missing.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('cat.kw.missing')}</Typography.Text>
          <Space wrap size={[4, 4]}>
            {k.missing.slice(0, 12).map((m) => (
              <Tooltip
                key={m.term}
                title={t('cat.kw.termTip', { weight: m.weight, share: (m.share * 100).toFixed(1) })}
              >
                <Tag color="orange" data-testid="title-kw-missing">
                  {m.term}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        </>
      )}
    </Flex>
  );
}
