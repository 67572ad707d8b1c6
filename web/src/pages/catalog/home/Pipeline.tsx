import { CheckOutlined, EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { catalogApi, type NewProduct, PIPELINE_STAGES, type PipelineStage } from '../../../api/catalog';
import { roleName } from '../../../components/labels';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { PersonSelect, useMembers } from '../../work/shared';

/** The new-product board: a column per stage, a card per product with owner and due date. */
export function Pipeline() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [name, setName] = useState('');
  const board = useQuery({ queryKey: ['pipeline', code], queryFn: () => catalogApi.pipeline(code) });
  const { nameOf } = useMembers(code);
  // The current stage being edited (owner and due date).
  const [editing, setEditing] = useState<NewProduct | null>(null);
  const [form] = Form.useForm<{ ownerPersonId: string | null; dueDate: Dayjs | null }>();
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void qc.invalidateQueries({ queryKey: ['pipeline', code] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const advance = (p: NewProduct) => {
    if (p.stage === 'listing' && !p.productId) {
      let id = '';
      modal.confirm({
        title: t('cat.productIdPrompt'),
        content: <Input onChange={(e) => (id = e.target.value)} data-testid="pipeline-product-id" />,
        onOk: () => act(() => catalogApi.advance(code, p.id, { productId: id.trim() })),
      });
    } else if (p.stage === 'launch' && !p.briefing) {
      let b = '';
      modal.confirm({
        title: t('cat.briefingPrompt'),
        content: (
          <Input.TextArea rows={4} onChange={(e) => (b = e.target.value)} data-testid="pipeline-briefing" />
        ),
        onOk: () => act(() => catalogApi.advance(code, p.id, { briefing: b })),
      });
    } else void act(() => catalogApi.advance(code, p.id));
  };
  const items = board.data ?? [];
  const columns = [...PIPELINE_STAGES, 'done' as const];
  return (
    <Flex vertical gap={12}>
      {access.canWrite('catalog') && (
        <Space>
          <Input
            placeholder={t('cat.newProductName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            style={{ width: 260 }}
            data-testid="pipeline-name"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!name.trim()}
            data-testid="pipeline-create"
            onClick={() =>
              act(async () => {
                await catalogApi.createNewProduct(code, name.trim());
                setName('');
              })
            }
          >
            {t('cat.addNewProduct')}
          </Button>
        </Space>
      )}
      <div style={{ overflowX: 'auto' }}>
        <Row gutter={8} wrap={false} style={{ minWidth: 1100 }}>
          {columns.map((stage) => {
            const here = items.filter((p) => p.stage === stage);
            return (
              <Col key={stage} flex="1 0 140px" data-testid={`pipeline-col-${stage}`}>
                <Card
                  size="small"
                  title={
                    <Badge count={here.length} offset={[10, 0]} color="#999">
                      {t(`cat.stage.${stage}`)}
                    </Badge>
                  }
                  styles={{ body: { padding: 8, minHeight: 160 } }}
                >
                  {here.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />}
                  {here.map((p) => {
                    const s = p.stages.find((x) => x.stage === p.stage);
                    return (
                      <Card
                        key={p.id}
                        size="small"
                        style={{ marginBottom: 8, borderColor: s?.stuck ? '#ff4d4f' : undefined }}
                        data-testid={`pipeline-card-${p.name}`}
                      >
                        <Typography.Text strong>{p.name}</Typography.Text>
                        {s && (
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              <span data-testid={`pipeline-owner-${p.name}`}>
                                {s.ownerPersonId
                                  ? nameOf(s.ownerPersonId) || t('cat.ownerPerson')
                                  : s.ownerRole
                                    ? roleName(t, s.ownerRole)
                                    : '—'}
                              </span>{' '}
                              ·{' '}
                              <span data-testid={`pipeline-due-${p.name}`}>
                                {t('cat.due', { date: s.dueDate ?? '—' })}
                              </span>
                            </Typography.Text>
                            {s.stuck && (
                              <Tag color="red" style={{ marginInlineStart: 4 }}>
                                {t('cat.stuck')}
                              </Tag>
                            )}
                          </div>
                        )}
                        {p.stage === 'cs_briefed' && (
                          <div>
                            <Tag color={p.csAcknowledgedAt ? 'green' : 'orange'}>
                              {p.csAcknowledgedAt ? t('cat.acknowledged') : t('cat.notAcknowledged')}
                            </Tag>
                          </div>
                        )}
                        {p.stage !== 'done' && (
                          <Space size={4} wrap style={{ marginTop: 4 }}>
                            {access.canWrite('catalog') && (
                              <Button
                                size="small"
                                icon={<RightOutlined />}
                                onClick={() => advance(p)}
                                data-testid={`pipeline-advance-${p.name}`}
                              >
                                {t('cat.advance')}
                              </Button>
                            )}
                            {access.canWrite('catalog') && s && (
                              <Button
                                size="small"
                                icon={<EditOutlined />}
                                aria-label={t('cat.editStage')}
                                title={t('cat.editStage')}
                                data-testid={`pipeline-edit-${p.name}`}
                                onClick={() => setEditing(p)}
                              />
                            )}
                            {p.stage === 'cs_briefed' && !p.csAcknowledgedAt && (
                              <Button
                                size="small"
                                icon={<CheckOutlined />}
                                data-testid={`pipeline-ack-${p.name}`}
                                onClick={() =>
                                  modal.confirm({
                                    title: t('cat.briefing'),
                                    content: (
                                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                                        {p.briefing}
                                      </Typography.Paragraph>
                                    ),
                                    okText: t('cat.acknowledge'),
                                    onOk: () => act(() => catalogApi.acknowledge(code, p.id)),
                                  })
                                }
                              >
                                {t('cat.acknowledge')}
                              </Button>
                            )}
                          </Space>
                        )}
                      </Card>
                    );
                  })}
                </Card>
              </Col>
            );
          })}
        </Row>
      </div>
      <Modal
        open={editing !== null}
        title={editing ? `${editing.name} · ${t(`cat.stage.${editing.stage}`)}` : ''}
        okText={t('cat.save')}
        okButtonProps={{ 'data-testid': 'pipeline-stage-save' }}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const p = editing;
          if (!p || p.stage === 'done') return;
          const v = form.getFieldsValue();
          await act(() =>
            catalogApi.setStage(code, p.id, p.stage as PipelineStage, {
              ownerPersonId: v.ownerPersonId ?? null,
              dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
            }),
          );
          setEditing(null);
        }}
        destroyOnHidden
      >
        <Form
          key={editing?.id}
          form={form}
          layout="vertical"
          initialValues={(() => {
            const s = editing?.stages.find((x) => x.stage === editing.stage);
            return { ownerPersonId: s?.ownerPersonId ?? null, dueDate: s?.dueDate ? dayjs(s.dueDate) : null };
          })()}
        >
          <Form.Item name="ownerPersonId" label={t('cat.stageOwner')} extra={t('cat.stageOwnerHint')}>
            <PersonSelect code={code} testId="pipeline-stage-owner" />
          </Form.Item>
          <Form.Item name="dueDate" label={t('cat.stageDue')}>
            <DatePicker data-testid="pipeline-stage-due" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
