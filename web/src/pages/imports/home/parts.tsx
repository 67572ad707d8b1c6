import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  CopyOutlined,
  ExclamationCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ImportRun, ImportStatus } from '../../../api/imports';
import { importKindName, importStatusName } from '../../../components/labels';
import { useI18n } from '../../../i18n';
import { formatCount } from './text';

const STATUS_LOOK: Record<ImportStatus, { color: string; icon: ReactNode }> = {
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  rejected: { color: 'error', icon: <CloseCircleOutlined /> },
  failed: { color: 'error', icon: <ExclamationCircleOutlined /> },
  duplicate: { color: 'default', icon: <CopyOutlined /> },
};

/** 完成 / 已拒绝 / 失败 / 重复文件 / 进行中, with an icon (never colour alone). */
export function ImportStatusTag({ run }: { run: Pick<ImportRun, 'status' | 'rejectedCount'> }) {
  const { t } = useI18n();
  const look = STATUS_LOOK[run.status] ?? { color: 'default', icon: null };
  return (
    <Space size={4} wrap>
      <Tag color={look.color} icon={look.icon} data-testid="import-status" data-status={run.status}>
        {importStatusName(t, run.status)}
      </Tag>
      {run.status === 'done' && run.rejectedCount > 0 && <Tag color="warning">{t('imports.partial')}</Tag>}
    </Space>
  );
}

/** The detected kind in words and its format version. */
export function ImportKindCell({ kind, version }: { kind: string; version: string | null }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap data-testid="import-kind">
      <Typography.Text type={kind === 'unknown' ? 'secondary' : undefined}>
        {importKindName(t, kind)}
      </Typography.Text>
      {version && <Tag>{t('imports.versionTag', { version })}</Tag>}
    </Space>
  );
}

/** 行数 5 · 新增 3 · 更新 0 · 未变 0 · 拒绝 1 */
export function ImportCounts({ run }: { run: ImportRun }) {
  const { t } = useI18n();
  const parts: { key: string; label: string; value: number; danger?: boolean }[] = [
    { key: 'rows', label: t('imports.count.rows'), value: run.rows },
    { key: 'inserted', label: t('imports.count.inserted'), value: run.inserted },
    { key: 'updated', label: t('imports.count.updated'), value: run.updated },
    { key: 'unchanged', label: t('imports.count.unchanged'), value: run.unchanged },
    {
      key: 'rejected',
      label: t('imports.count.rejected'),
      value: run.rejectedCount,
      danger: run.rejectedCount > 0,
    },
  ];
  return (
    <Space
      size={4}
      wrap
      separator={<Typography.Text type="secondary">·</Typography.Text>}
      data-testid="import-counts"
    >
      {parts.map((p) => (
        <span key={p.key} data-testid={`count-${p.key}`} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type="secondary">{p.label} </Typography.Text>
          <Typography.Text
            strong={p.danger}
            type={p.danger ? 'danger' : undefined}
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {formatCount(p.value)}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}
