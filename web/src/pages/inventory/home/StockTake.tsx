import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type CountLine, type CountSheet, inventoryApi } from '../../../api/inventory';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';

const STATUS_COLOR = { open: 'blue', submitted: 'orange', approved: 'green', rejected: 'red' } as const;

/** Stock-taking (盘点): count sheets, counted quantities, differences, the leader's review. */
export function StockTake() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [selected, setSelected] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const sheets = useQuery({
    queryKey: ['count-sheets', code],
    queryFn: () => inventoryApi.countSheets(code),
  });
  const sheetId = selected ?? sheets.data?.[0]?.id ?? null;
  const sheet = useQuery({
    queryKey: ['count-sheet', code, sheetId],
    queryFn: () => inventoryApi.countSheet(code, sheetId!),
    enabled: !!sheetId,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['count-sheets', code] });
    void qc.invalidateQueries({ queryKey: ['count-sheet', code] });
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('common.saved'));
      setCounts({});
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const s = sheet.data;
  const editable = s && (s.status === 'open' || s.status === 'rejected') && access.canWrite('inventory');
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex gap={8} wrap justify="space-between">
          <Space wrap>
            <Select
              style={{ width: 320 }}
              value={sheetId ?? undefined}
              placeholder={t('inv.countSheet')}
              onChange={setSelected}
              data-testid="count-sheet-select"
              options={(sheets.data ?? []).map((x: CountSheet) => ({
                value: x.id,
                label: `${formatDateTime(x.createdAt)} · ${x.warehouse} · ${t(`inv.sheet.${x.status}`)}${x.note ? ` · ${x.note}` : ''}`,
              }))}
            />
            {s && <Tag color={STATUS_COLOR[s.status]}>{t(`inv.sheet.${s.status}`)}</Tag>}
          </Space>
          <Space wrap>
            {access.canWrite('inventory') && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => act(() => inventoryApi.createCountSheet(code, { warehouse: 'main' }))}
              >
                {t('inv.newCountSheet')}
              </Button>
            )}
            {editable && (
              <>
                <Button
                  disabled={!Object.keys(counts).length}
                  data-testid="count-save"
                  onClick={() =>
                    act(() =>
                      inventoryApi.enterCounts(
                        code,
                        s.id,
                        Object.entries(counts)
                          .filter(([, v]) => v !== null && v !== undefined)
                          .map(([skuCode, v]) => ({ skuCode, countedQty: v as number })),
                      ),
                    )
                  }
                >
                  {t('inv.saveCounts')}
                </Button>
                <Button
                  type="primary"
                  onClick={() => act(() => inventoryApi.submitCountSheet(code, s.id))}
                  data-testid="count-submit"
                >
                  {t('inv.submitSheet')}
                </Button>
              </>
            )}
            {s?.status === 'submitted' && access.canWrite('inventory') && (
              <>
                <Button
                  type="primary"
                  onClick={() => act(() => inventoryApi.reviewCountSheet(code, s.id, 'approve'))}
                >
                  {t('inv.approve')}
                </Button>
                <Button danger onClick={() => act(() => inventoryApi.reviewCountSheet(code, s.id, 'reject'))}>
                  {t('inv.reject')}
                </Button>
              </>
            )}
            {s && (
              <ExportButton
                run={() =>
                  exportXlsx<CountLine>({
                    fileName: t('inv.exportCount'),
                    rows: s.lines ?? [],
                    columns: [
                      { header: t('inv.sku'), value: (l) => l.skuCode },
                      { header: t('inv.expected'), value: (l) => l.expectedQty },
                      { header: t('inv.counted'), value: (l) => l.countedQty },
                      { header: t('inv.difference'), value: (l) => l.difference },
                    ],
                  })
                }
              />
            )}
          </Space>
        </Flex>
      </Card>
      <Card
        size="small"
        title={t('inv.countLines')}
        extra={<Typography.Text type="secondary">{t('inv.largeDiff.tip')}</Typography.Text>}
      >
        <Table<CountLine>
          size="small"
          rowKey="skuCode"
          loading={sheet.isFetching}
          dataSource={s?.lines ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('inv.sku'), dataIndex: 'skuCode' },
            { title: t('inv.expected'), dataIndex: 'expectedQty', align: 'right' },
            {
              title: t('inv.counted'),
              key: 'counted',
              align: 'right',
              render: (_, l) =>
                editable ? (
                  <InputNumber
                    min={0}
                    precision={0}
                    size="small"
                    value={counts[l.skuCode] ?? l.countedQty ?? undefined}
                    onChange={(v) => setCounts((c) => ({ ...c, [l.skuCode]: v }))}
                    data-testid={`count-input-${l.skuCode}`}
                  />
                ) : (
                  (l.countedQty ?? '—')
                ),
            },
            {
              title: t('inv.difference'),
              dataIndex: 'difference',
              align: 'right',
              render: (v: number | null, l) =>
                v === null ? (
                  '—'
                ) : (
                  <Space size={4}>
                    <Typography.Text type={v === 0 ? undefined : v > 0 ? 'danger' : 'success'}>
                      {v > 0 ? `▲ ${v}` : v < 0 ? `▼ ${-v}` : 0}
                    </Typography.Text>
                    {l.large && <Tag color="red">{t('inv.largeDiff')}</Tag>}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
