import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';
import { errorText } from './serverErrors';

/** "导出 XLSX": runs `run` (which fetches the rows and calls exportXlsx) and reports the count. */
export function ExportButton({
  run,
  testId = 'export-xlsx',
  size,
}: {
  run: () => Promise<number>;
  testId?: string;
  size?: 'small' | 'middle' | 'large';
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      size={size}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          const count = await run();
          message.success(t('common.exported', { count }));
        } catch (e) {
          message.error(errorText(t, e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('common.export')}
    </Button>
  );
}
