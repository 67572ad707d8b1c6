import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MeStore } from '../../../api/auth';
import { CS_LEVELS, type CsLevel, type Membership, type Person, ROLES, teamApi } from '../../../api/team';
import { csLevelName, roleName } from '../../../components/labels';
import { applyServerError } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { rules } from '../../../utils/validation';

type Values = {
  login: string;
  displayName: string;
  password?: string;
  phone?: string;
  csLevel?: CsLevel | null;
  memberships: Membership[];
};

/** Create (person = null) or edit a person, with their roles per store. */
export function PersonDrawer({
  open,
  person,
  stores,
  defaultStore,
  canGrantOwner,
  onClose,
  onSaved,
}: {
  open: boolean;
  person: Person | null;
  stores: MeStore[];
  defaultStore?: string;
  canGrantOwner: boolean;
  onClose: () => void;
  onSaved: (p: Person) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = !!person;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      person
        ? {
            login: person.login,
            displayName: person.displayName,
            phone: person.phone ?? undefined,
            csLevel: person.csLevel ?? undefined,
            memberships: person.memberships.map((m) => ({ storeCode: m.storeCode, roles: [...m.roles] })),
          }
        : { memberships: defaultStore ? [{ storeCode: defaultStore, roles: [] }] : [] },
    );
  }, [open, person, defaultStore, form]);

  const roleOptions = ROLES.filter((r) => r !== 'owner' || canGrantOwner).map((r) => ({
    value: r,
    label: roleName(t, r),
  }));
  const storeOptions = stores.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const memberships = (v.memberships ?? []).filter((m) => m?.storeCode);
      let saved: Person;
      if (person) {
        saved = await teamApi.updatePerson(person.id, {
          login: v.login.trim(),
          displayName: v.displayName.trim(),
          phone: v.phone?.trim() || null,
          csLevel: v.csLevel ?? null,
          memberships,
          ...(v.password ? { password: v.password } : {}),
        });
        message.success(t('common.saved'));
      } else {
        saved = await teamApi.createPerson({
          login: v.login.trim(),
          displayName: v.displayName.trim(),
          password: v.password ?? '',
          phone: v.phone?.trim() || undefined,
          csLevel: v.csLevel ?? undefined,
          memberships,
        });
        message.success(t('common.created'));
      }
      onSaved(saved);
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={editing ? t('people.edit') : t('people.create')}
      destroyOnHidden
      data-testid="person-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="person-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="person-form"
        scrollToFirstError
      >
        <Form.Item name="login" label={t('people.login')} rules={[rules.required(t), rules.login(t)]}>
          <Input autoComplete="off" autoCapitalize="off" data-testid="person-login" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('people.displayName')}
          rules={[rules.required(t), rules.max(t, 64)]}
        >
          <Input data-testid="person-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('people.resetPassword') : t('people.password')}
          extra={editing ? t('people.resetPasswordHelp') : undefined}
          rules={editing ? [rules.password(t)] : [rules.requiredSelect(t), rules.password(t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="person-password" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="phone"
            label={t('people.phone')}
            rules={[rules.phone(t)]}
            style={{ flex: '1 1 200px' }}
          >
            <Input data-testid="person-phone" />
          </Form.Item>
          <Form.Item name="csLevel" label={t('people.csLevel')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              data-testid="person-cs-level"
              options={CS_LEVELS.map((l) => ({ value: l, label: csLevelName(t, l) }))}
            />
          </Form.Item>
        </Flex>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {t('people.memberships')}
        </Typography.Text>
        <Form.List name="memberships">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start" data-testid={`membership-${index}`}>
                  <Form.Item
                    name={[field.name, 'storeCode']}
                    style={{ flex: '0 0 180px', marginBottom: 12 }}
                    rules={[
                      rules.requiredSelect(t),
                      ({ getFieldValue }) => ({
                        validator(_, value) {
                          const all = (getFieldValue('memberships') as Membership[] | undefined) ?? [];
                          const dup = all.filter((m) => m?.storeCode === value).length > 1;
                          return dup
                            ? Promise.reject(new Error(t('validation.duplicateStore')))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <Select
                      placeholder={t('people.store')}
                      options={storeOptions}
                      data-testid={`membership-store-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'roles']}
                    style={{ flex: 1, minWidth: 0, marginBottom: 12 }}
                    rules={[
                      { required: true, type: 'array', min: 1, message: t('validation.rolesRequired') },
                    ]}
                  >
                    <Select
                      mode="multiple"
                      placeholder={t('people.roles')}
                      options={roleOptions}
                      optionFilterProp="label"
                      data-testid={`membership-roles-${index}`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ storeCode: undefined, roles: [] })}
                data-testid="membership-add"
              >
                {t('people.addMembership')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
