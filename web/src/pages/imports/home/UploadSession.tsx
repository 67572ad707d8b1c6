import { ClearOutlined, CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useI18n } from '../../../i18n';
import { ImportCounts, ImportKindCell, ImportStatusTag } from './parts';
import { RejectedTable } from './RejectedTable';
import { formatBytes, formatCount, formatDuration, runNote, uploadErrorText } from './text';
import { isSettled, type UploadItem, uploadQueue } from './uploadQueue';

const NOTE_TYPE = { error: 'danger', warning: 'warning', info: 'secondary' } as const;

const hasRejected = (i: UploadItem) => i.phase === 'finished' && (i.run?.rejected.length ?? 0) > 0;

/** 本次上传: one row per dropped file, from upload progress to its result. */
export function UploadSession({ items, storeCode }: { items: UploadItem[]; storeCode: string }) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  // rows with rejected rows open by themselves; the person may fold them
  const [folded, setFolded] = useState<string[]>([]);
  const expanded = items.filter((i) => hasRejected(i) && !folded.includes(i.uid)).map((i) => i.uid);

  const progress = (i: UploadItem) => {
    switch (i.phase) {
      case 'queued':
        return <Tag data-testid="upload-phase">{t('imports.phase.queued')}</Tag>;
      case 'uploading':
        return (
          <div style={{ minWidth: 160 }} data-testid="upload-phase">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.phase.uploading')}
            </Typography.Text>
            <Progress percent={i.percent} size="small" status="active" />
          </div>
        );
      case 'processing':
        return (
          <Space size={6} data-testid="upload-phase">
            <LoadingOutlined style={{ color: '#1677ff' }} />
            <span>
              {t('imports.phase.processing')}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                {t('imports.processedRows', { rows: formatCount(i.progressRows) })}
              </Typography.Text>
            </span>
          </Space>
        );
      case 'finished':
        return i.run ? <ImportStatusTag run={i.run} /> : null;
      case 'failed':
        return (
          <Tag color="error" data-testid="upload-phase">
            {t('imports.phase.uploadFailed')}
          </Tag>
        );
      case 'cancelled':
        return <Tag data-testid="upload-phase">{t('imports.phase.cancelled')}</Tag>;
    }
  };

  const result = (i: UploadItem) => {
    if (i.phase === 'failed') {
      return (
        <Typography.Text
          type="danger"
          style={{ display: 'block', maxWidth: 420, whiteSpace: 'normal' }}
          data-testid="upload-error"
        >
          {uploadErrorText(t, i.error, i.size)}
        </Typography.Text>
      );
    }
    if (i.phase !== 'finished' || !i.run) return null;
    const note = runNote(t, locale, i.run);
    return (
      <Flex vertical gap={2}>
        <ImportCounts run={i.run} />
        {note && (
          <Typography.Text
            type={NOTE_TYPE[note.type]}
            style={{ fontSize: 12, display: 'block', maxWidth: 420, whiteSpace: 'normal' }}
            data-testid="upload-note"
          >
            {note.text}
          </Typography.Text>
        )}
      </Flex>
    );
  };

  const columns: ColumnsType<UploadItem> = [
    {
      title: t('imports.file'),
      key: 'file',
      render: (_, i) => (
        <Flex vertical gap={0} style={{ minWidth: 250 }}>
          <Typography.Text strong style={{ wordBreak: 'break-all' }} data-testid="upload-file">
            {i.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(i.size)}
            {i.options.allowPartial && ` · ${t('imports.allowPartial')}`}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('imports.detectedKind'),
      key: 'kind',
      render: (_, i) => {
        const chosen = i.options.kind !== 'auto';
        const kind = i.run?.kind ?? (chosen ? i.options.kind : null);
        if (!kind || (kind === 'unknown' && !isSettled(i.phase))) {
          return isSettled(i.phase) ? (
            t('common.none')
          ) : (
            <Typography.Text type="secondary">{t('imports.detecting')}</Typography.Text>
          );
        }
        return (
          <Space size={4} wrap>
            <ImportKindCell kind={kind} version={i.run?.version ?? null} />
            {chosen && <Tag color="blue">{t('imports.kindChosen')}</Tag>}
          </Space>
        );
      },
    },
    { title: t('imports.progress'), key: 'progress', render: (_, i) => progress(i) },
    { title: t('imports.result'), key: 'result', render: (_, i) => result(i) },
    {
      title: t('imports.duration'),
      key: 'duration',
      align: 'right',
      render: (_, i) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {i.phase === 'finished' ? formatDuration(t, i.run?.durationMs) : ''}
        </span>
      ),
    },
  ];
  const cancellable = (i: UploadItem) => i.phase === 'queued' || i.phase === 'uploading';
  if (items.some(cancellable)) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, i) =>
        cancellable(i) ? (
          <Button
            type="link"
            size="small"
            icon={<CloseOutlined />}
            onClick={() => uploadQueue.cancel(i.uid)}
            data-testid={`upload-cancel-${i.seq}`}
          >
            {t('imports.cancel')}
          </Button>
        ) : null,
    });
  }

  return (
    <Card
      size="small"
      title={t('imports.session')}
      style={{ marginTop: 16 }}
      data-testid="upload-session"
      extra={
        <Button
          size="small"
          icon={<ClearOutlined />}
          disabled={!items.some((i) => isSettled(i.phase))}
          onClick={() => {
            uploadQueue.clearSettled(storeCode);
            setFolded([]);
          }}
          data-testid="upload-clear"
        >
          {t('imports.clearFinished')}
        </Button>
      }
    >
      <Table<UploadItem>
        size="small"
        rowKey="uid"
        columns={columns}
        dataSource={items}
        pagination={false}
        // on a desk the columns share the card's width (long names and notes wrap); a phone scrolls
        scroll={screens.md === false ? { x: 'max-content' } : undefined}
        onRow={(i) =>
          ({ 'data-testid': `upload-row-${i.seq}`, 'data-phase': i.phase }) as HTMLAttributes<HTMLElement>
        }
        expandable={{
          expandedRowKeys: expanded,
          rowExpandable: hasRejected,
          onExpand: (open, i) =>
            setFolded((f) =>
              open ? f.filter((u) => u !== i.uid) : [...f.filter((u) => u !== i.uid), i.uid],
            ),
          expandedRowRender: (i) =>
            i.run ? <RejectedTable run={i.run} testId={`upload-rejected-${i.seq}`} /> : null,
        }}
      />
    </Card>
  );
}
