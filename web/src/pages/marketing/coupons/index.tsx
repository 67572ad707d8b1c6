import { MinusCircleOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  cancelOffer,
  type FloorRow,
  marketingApi,
  type Offer,
  type SimLine,
  skuFloors,
  yuan,
} from '../../../api/marketing';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { fmtTime, MarketingFrame } from '../MarketingTabs';
import { NewOfferButton } from '../NewOffer';

function rule(o: Offer): string {
  const y = (f: number) => (f / 100).toFixed(f % 100 ? 2 : 0);
  if (o.kind === 'discount')
    return o.percentBp != null ? `${(o.percentBp / 1000).toFixed(1)} 折` : `直降 ${y(o.unitMinusFen ?? 0)}`;
  const parts = (o.tiers ?? []).map((t) =>
    t.thresholdFen ? `满${y(t.thresholdFen)}减${y(t.minusFen)}` : `无门槛减${y(t.minusFen)}`,
  );
  if (o.perEach)
    parts.push(
      `每满${y(o.perEach.everyFen)}减${y(o.perEach.minusFen)}${o.perEach.capFen ? `（封顶${y(o.perEach.capFen)}）` : ''}`,
    );
  return parts.join('，');
}

/** /s/:code/marketing/coupons: offers, the price-floor check, and the coupon simulator. */
export default function CouponsPage() {
  const { t } = useI18n();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: (id: string) => cancelOffer(code, id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['mk-offers', code] });
      void qc.invalidateQueries({ queryKey: ['mk-floor', code] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  const offers = useQuery({ queryKey: ['mk-offers', code], queryFn: () => marketingApi.offers(code) });
  const floor = useQuery({ queryKey: ['mk-floor', code], queryFn: () => marketingApi.floor(code) });
  const rows = [...(floor.data ?? [])].sort(
    (a, b) => Number(!!b.breach) - Number(!!a.breach) || a.skuCode.localeCompare(b.skuCode),
  );
  const breaches = rows.filter((r) => r.breach).length;

  return (
    <MarketingFrame testId="page-marketing-coupons">
      <Card
        size="small"
        title={t('marketing.offers')}
        extra={access.canWrite('marketing') && <NewOfferButton code={code} />}
      >
        <Table<Offer>
          rowKey="id"
          size="small"
          pagination={false}
          loading={offers.isLoading}
          dataSource={offers.data ?? []}
          data-testid="mk-offers"
          columns={[
            { title: t('marketing.name'), dataIndex: 'name' },
            {
              title: t('marketing.kind'),
              render: (_, o) => <Tag>{t(`marketing.offer.kind.${o.kind}`)}</Tag>,
            },
            { title: t('marketing.offer.rule'), render: (_, o) => rule(o) },
            {
              title: t('marketing.offer.validity'),
              render: (_, o) => `${fmtTime(o.startsAt)} ~ ${fmtTime(o.endsAt)}`,
            },
            {
              title: t('marketing.offer.scope'),
              render: (_, o) => (o.productIds ? o.productIds.join('、') : t('marketing.offer.allProducts')),
            },
            {
              title: '',
              render: (_, o) =>
                access.canWrite('marketing') ? (
                  <Popconfirm title={t('marketing.offer.cancel')} onConfirm={() => cancel.mutate(o.id)}>
                    <Button size="small" type="link" danger>
                      {t('marketing.offer.cancel')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Tooltip title={t('marketing.floorHelp')}>
            {t('marketing.floor')} <QuestionCircleOutlined />
          </Tooltip>
        }
        extra={
          <ExportButton
            size="small"
            run={() =>
              exportXlsx({
                fileName: 'price-floor',
                columns: [
                  { header: t('marketing.sku'), value: (r: FloorRow) => r.skuCode },
                  { header: t('marketing.name'), value: (r) => r.title },
                  { header: t('marketing.price'), value: (r) => r.priceFen / 100 },
                  { header: t('marketing.cost'), value: (r) => (r.costFen == null ? null : r.costFen / 100) },
                  {
                    header: t('marketing.floorPrice'),
                    value: (r) => (r.floorFen == null ? null : r.floorFen / 100),
                  },
                  { header: t('marketing.lowest'), value: (r) => r.lowestUnitFen / 100 },
                  { header: t('marketing.stack'), value: (r) => r.offerNames.join(' + ') },
                  { header: t('marketing.belowFloor'), value: (r) => (r.breach ? '是' : '') },
                ],
                rows,
              })
            }
          />
        }
      >
        {floor.data && (
          <Alert
            style={{ marginBottom: 8 }}
            type={breaches ? 'error' : 'success'}
            showIcon
            title={breaches ? t('marketing.floorBreaches', { n: breaches }) : t('marketing.floorOk')}
            data-testid="mk-floor-summary"
          />
        )}
        <Table<FloorRow>
          rowKey="skuCode"
          size="small"
          loading={floor.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 10 }}
          data-testid="mk-floor"
          columns={[
            { title: t('marketing.sku'), dataIndex: 'skuCode', width: 120 },
            {
              title: t('marketing.name'),
              render: (_, r) => (
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                  {r.title}
                </Typography.Text>
              ),
            },
            { title: t('marketing.price'), align: 'right', render: (_, r) => yuan(r.priceFen) },
            { title: t('marketing.cost'), align: 'right', render: (_, r) => yuan(r.costFen) },
            { title: t('marketing.floorPrice'), align: 'right', render: (_, r) => yuan(r.floorFen) },
            {
              title: t('marketing.lowest'),
              align: 'right',
              render: (_, r) => (
                <span
                  style={{ color: r.breach ? '#cf1322' : undefined, fontWeight: r.breach ? 600 : undefined }}
                >
                  {yuan(r.lowestUnitFen)}
                </span>
              ),
            },
            {
              title: t('marketing.stack'),
              render: (_, r) => (
                <Tooltip title={`×${r.quantity}${r.topUpFen ? ` + ${yuan(r.topUpFen)}` : ''}`}>
                  <Space size={2} wrap>
                    {r.offerNames.map((n) => (
                      <Tag key={n} style={{ fontSize: 11 }}>
                        {n}
                      </Tag>
                    ))}
                  </Space>
                </Tooltip>
              ),
            },
            {
              title: t('marketing.window'),
              render: (_, r) => (r.worstWindowFrom ? fmtTime(r.worstWindowFrom) : '—'),
            },
            {
              title: '',
              render: (_, r) => (r.breach ? <Tag color="red">{t('marketing.belowFloor')}</Tag> : null),
            },
          ]}
        />
      </Card>
      <Simulator code={code} />
    </MarketingFrame>
  );
}

function Simulator({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const skus = useQuery({ queryKey: ['mk-skus', code], queryFn: () => skuFloors(code) });
  const [cart, setCart] = useState<{ key: number; skuCode?: string; quantity: number }[]>([
    { key: 0, quantity: 1 },
  ]);
  const [at, setAt] = useState('');
  const sim = useMutation({
    mutationFn: () =>
      marketingApi.simulate(
        code,
        cart.filter((l) => l.skuCode).map((l) => ({ skuCode: l.skuCode!, quantity: l.quantity })),
        at ? new Date(at).toISOString() : undefined,
      ),
    onError: (e) => message.error(errorText(t, e)),
  });
  const options = (skus.data ?? []).map((s) => ({
    value: s.skuCode,
    label: `${s.skuCode} ${s.title ?? ''} ${yuan(s.priceFen)}`,
  }));
  const r = sim.data;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Tooltip title={t('marketing.simulatorHelp')}>
          {t('marketing.simulator')} <QuestionCircleOutlined />
        </Tooltip>
      }
      data-testid="mk-simulator"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {cart.map((l, i) => (
          <Space key={l.key} wrap>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 420 }}
              placeholder={t('marketing.sku')}
              value={l.skuCode}
              options={options}
              data-testid={`mk-sim-sku-${i}`}
              onChange={(v) => setCart(cart.map((x, k) => (k === i ? { ...x, skuCode: v } : x)))}
            />
            <InputNumber
              min={1}
              max={999}
              value={l.quantity}
              prefix={t('marketing.quantity')}
              onChange={(v) =>
                setCart(cart.map((x, k) => (k === i ? { ...x, quantity: Number(v ?? 1) } : x)))
              }
            />
            {cart.length > 1 && (
              <MinusCircleOutlined onClick={() => setCart(cart.filter((_, k) => k !== i))} />
            )}
          </Space>
        ))}
        <Space wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setCart([...cart, { key: Math.max(...cart.map((x) => x.key)) + 1, quantity: 1 }])}
          >
            {t('marketing.addLine')}
          </Button>
          <Input
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            prefix={t('marketing.at')}
            style={{ width: 300 }}
            data-testid="mk-sim-at"
          />
          <Button
            type="primary"
            loading={sim.isPending}
            onClick={() => sim.mutate()}
            data-testid="mk-sim-run"
          >
            {t('marketing.simulate')}
          </Button>
        </Space>
        {r && (
          <>
            <Table<SimLine>
              rowKey="skuCode"
              size="small"
              pagination={false}
              dataSource={r.lines}
              data-testid="mk-sim-result"
              columns={[
                { title: t('marketing.sku'), dataIndex: 'skuCode' },
                { title: t('marketing.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('marketing.price'), align: 'right', render: (_, l) => yuan(l.unitPriceFen) },
                {
                  title: t('marketing.unitNet'),
                  align: 'right',
                  render: (_, l) => (
                    <span style={{ color: l.belowFloor ? '#cf1322' : undefined }}>{yuan(l.unitNetFen)}</span>
                  ),
                },
                { title: t('marketing.floorPrice'), align: 'right', render: (_, l) => yuan(l.floorFen) },
                {
                  title: t('marketing.lowest'),
                  align: 'right',
                  render: (_, l) => yuan(l.lowestReachableFen),
                },
                {
                  title: '',
                  render: (_, l) =>
                    l.belowFloor ? <Tag color="red">{t('marketing.belowFloor')}</Tag> : null,
                },
              ]}
            />
            <Space wrap>
              <Tag>{`${t('marketing.subtotal')} ${yuan(r.subtotalFen)}`}</Tag>
              {r.applied.map((a) => (
                <Tag key={a.offerId} color="orange">{`${a.name} −${yuan(a.amountFen)}`}</Tag>
              ))}
              <Tag
                color="blue"
                data-testid="mk-sim-total"
              >{`${t('marketing.total')} ${yuan(r.totalFen)}`}</Tag>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}
