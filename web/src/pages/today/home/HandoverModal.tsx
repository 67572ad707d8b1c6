import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { HANDOVER_KINDS, workApi } from '../../../api/work';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { PersonSelect } from '../../work/shared';

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** Write a handover: what is done, what is open (carried into the receiver's day until closed). */
export function HandoverModal({
  code,
  open,
  onClose,
  onSaved,
}: {
  code: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    kind: string;
    toPersonId?: string | null;
    note?: string;
    open?: string;
    done?: string;
  }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={t('work.handover.write')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'handover-submit' } as Record<string, string>}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await workApi.handover(code, {
            kind: v.kind,
            toPersonId: v.toPersonId ?? null,
            note: v.note || null,
            items: [
              ...lines(v.open).map((body) => ({ body, state: 'open' })),
              ...lines(v.done).map((body) => ({ body, state: 'done' })),
            ],
          });
          message.success(t('work.handover.sent'));
          form.resetFields();
          onSaved();
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'shift_day_night' }}>
        <Form.Item name="kind" label={t('work.handover.kind')}>
          <Select
            options={HANDOVER_KINDS.map((k) => ({ value: k, label: tryT(t, `work.handoverKind.${k}`, k) }))}
          />
        </Form.Item>
        <Form.Item name="toPersonId" label={t('work.handover.to')} extra={t('work.handover.toHelp')}>
          <PersonSelect code={code} testId="handover-to" />
        </Form.Item>
        <Form.Item name="open" label={t('work.handover.openItems')}>
          <Input.TextArea rows={4} placeholder={t('work.handover.linesHelp')} data-testid="handover-open" />
        </Form.Item>
        <Form.Item name="done" label={t('work.handover.doneItems')}>
          <Input.TextArea rows={2} placeholder={t('work.handover.linesHelp')} />
        </Form.Item>
        <Form.Item name="note" label={t('work.handover.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
