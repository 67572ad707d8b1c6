import { InboxOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Flex, Select, Space, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { IMPORT_KINDS, type ImportKindParam } from '../../../api/imports';
import { importKindName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { ImportHistory } from './ImportHistory';
import { UploadSession } from './UploadSession';
import { uploadQueue } from './uploadQueue';

/** Platform exports: CSV (often GBK), XLSX, JSON lines; .xls too, so the server can say what to do. */
const ACCEPT = '.csv,.txt,.xlsx,.xls,.jsonl,.json,.ndjson';

/** /s/:storeCode/imports: drop files, follow each one to its result, and the import history. */
export default function ImportsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const access = useAccess();
  const storeCode = access.store?.code ?? '';
  const canWrite = access.canWrite('imports');
  const [kind, setKind] = useState<ImportKindParam>('auto');
  const [allowPartial, setAllowPartial] = useState(false);

  const all = useSyncExternalStore(uploadQueue.subscribe, uploadQueue.getSnapshot);
  const items = useMemo(() => all.filter((i) => i.storeCode === storeCode), [all, storeCode]);

  // the history shows each file as soon as it is settled
  useEffect(
    () => uploadQueue.onSettled((i) => void qc.invalidateQueries({ queryKey: ['imports', i.storeCode] })),
    [qc],
  );

  return (
    <PageContainer title={t('imports.title')} subTitle={t('imports.subTitle')} testId="page-imports">
      {canWrite ? (
        <Card size="small" title={t('imports.uploadCard')}>
          <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
            <Space size={8}>
              <Typography.Text>{t('imports.kind')}</Typography.Text>
              <Select<ImportKindParam>
                value={kind}
                onChange={setKind}
                style={{ width: 300 }}
                popupMatchSelectWidth={false}
                data-testid="import-kind-select"
                options={[
                  { value: 'auto', label: t('imports.kindAuto') },
                  ...IMPORT_KINDS.map((k) => ({ value: k, label: importKindName(t, k) })),
                ]}
              />
            </Space>
            <Space size={4}>
              <Checkbox
                checked={allowPartial}
                onChange={(e) => setAllowPartial(e.target.checked)}
                data-testid="import-allow-partial"
              >
                {t('imports.allowPartial')}
              </Checkbox>
              <Tooltip title={t('imports.allowPartialHelp')}>
                <QuestionCircleOutlined
                  style={{ color: 'rgba(0,0,0,0.45)' }}
                  data-testid="import-allow-partial-help"
                />
              </Tooltip>
            </Space>
          </Flex>
          <div data-testid="import-dropzone">
            <Upload.Dragger
              multiple
              accept={ACCEPT}
              fileList={[]}
              showUploadList={false}
              beforeUpload={(file) => {
                uploadQueue.add(storeCode, [{ file, name: file.name }], { kind, allowPartial });
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.dropText')}</p>
              <p className="ant-upload-hint">{t('imports.dropHint')}</p>
            </Upload.Dragger>
          </div>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('imports.noWrite')} data-testid="imports-read-only" />
      )}
      {items.length > 0 && <UploadSession items={items} storeCode={storeCode} />}
      <ImportHistory storeCode={storeCode} timeZone={access.store?.timeZone} />
    </PageContainer>
  );
}
