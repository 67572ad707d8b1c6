import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Grid, Result, Spin, Typography } from 'antd';
import { importsApi } from '../../../api/imports';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { ImportCounts, ImportKindCell, ImportStatusTag } from './parts';
import { RejectedTable } from './RejectedTable';
import { formatBytes, formatCount, formatDuration, runNote } from './text';

/** One import in full: file, kind, counts, times, the error, and its rejected rows. */
export function RunDrawer({
  storeCode,
  timeZone,
  id,
  onClose,
}: {
  storeCode: string;
  /** The store's time zone for the times shown. */
  timeZone?: string;
  id: string | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const run = useQuery({
    queryKey: ['imports', storeCode, 'run', id],
    queryFn: () => importsApi.get(storeCode, id!),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const r = run.data;
  const note = r ? runNote(t, locale, r) : null;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={screens.md === false ? '100%' : 760}
      title={r?.file ?? t('imports.drawerTitle')}
      destroyOnHidden
      data-testid="import-drawer"
    >
      {run.isLoading && <Spin />}
      {run.isError && (
        <Result status="error" title={t('common.loadFailed')} subTitle={errorText(t, run.error)} />
      )}
      {r && (
        <>
          <Descriptions
            size="small"
            bordered
            column={screens.md === false ? 1 : 2}
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'kind',
                label: t('imports.detectedKind'),
                children: <ImportKindCell kind={r.kind} version={r.version} />,
              },
              { key: 'status', label: t('common.status'), children: <ImportStatusTag run={r} /> },
              {
                key: 'counts',
                label: t('imports.result'),
                span: 'filled',
                children:
                  r.status === 'running' ? (
                    t('imports.processedRows', { rows: formatCount(r.progressRows) })
                  ) : (
                    <ImportCounts run={r} />
                  ),
              },
              {
                key: 'started',
                label: t('imports.startedAt'),
                children: formatDateTime(r.startedAt, timeZone),
              },
              {
                key: 'finished',
                label: t('imports.finishedAt'),
                children: formatDateTime(r.finishedAt, timeZone),
              },
              { key: 'duration', label: t('imports.duration'), children: formatDuration(t, r.durationMs) },
              {
                key: 'partial',
                label: t('imports.allowPartial'),
                children: r.allowPartial ? t('common.yes') : t('common.no'),
              },
              { key: 'bytes', label: t('imports.fileBytes'), children: formatBytes(r.fileBytes) },
              {
                key: 'hash',
                label: t('imports.fileHash'),
                children: (
                  <Typography.Text code copyable={{ text: r.fileHash }} style={{ fontSize: 12 }}>
                    {r.fileHash.slice(0, 16)}…
                  </Typography.Text>
                ),
              },
            ]}
          />
          {note && (
            <Alert
              type={note.type}
              showIcon
              title={note.text}
              description={
                r.error ? <Typography.Text type="secondary">{r.error.code}</Typography.Text> : undefined
              }
              style={{ marginBottom: 16 }}
              data-testid="import-drawer-note"
            />
          )}
          {(r.rejected.length > 0 || r.rejectedCount > 0) && (
            <RejectedTable run={r} testId="import-drawer-rejected" />
          )}
        </>
      )}
    </Drawer>
  );
}
