import { App, Button, Divider, Form, Input, Result, Select, Spin } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { homePath } from '../../../access';
import { authApi, PLATFORMS, type SetupRequest } from '../../../api/auth';
import { AuthFrame } from '../../../components/AuthFrame';
import { applyServerError, errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useSetMe, useSetupStatus } from '../../../session';
import { rules } from '../../../utils/validation';

type Values = SetupRequest & { passwordConfirm: string };

export default function SetupPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const setMe = useSetMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  if (setup.isLoading) {
    return (
      <AuthFrame title={t('setup.title')}>
        <Spin />
      </AuthFrame>
    );
  }
  if (setup.isError) {
    return (
      <AuthFrame title={t('setup.title')}>
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(t, setup.error)} />
      </AuthFrame>
    );
  }
  if (setup.data && !setup.data.needed) return <Navigate to="/login" replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      let me = await authApi.setup({
        organizationName: v.organizationName.trim(),
        store: { code: v.store.code.trim(), name: v.store.name.trim(), platform: v.store.platform },
        owner: {
          login: v.owner.login.trim(),
          displayName: v.owner.displayName.trim(),
          password: v.owner.password,
        },
      });
      if (me.person.locale !== locale) {
        // keep the language chosen during set-up
        me = await authApi.updateMe({ locale }).catch(() => me);
      }
      setMe(me);
      message.success(t('setup.done'));
      navigate(me.stores[0] ? homePath(me.stores[0]) : '/', { replace: true });
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('setup.title')} subTitle={t('setup.subtitle')} width={520}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ store: { platform: 'taobao' } }}
        data-testid="setup-form"
        scrollToFirstError
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('setup.sectionOrg')}
        </Divider>
        <Form.Item
          name="organizationName"
          label={t('setup.organizationName')}
          rules={[rules.required(t), rules.max(t, 100)]}
        >
          <Input placeholder={t('setup.organizationNamePlaceholder')} data-testid="setup-org" />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('setup.sectionStore')}
        </Divider>
        <Form.Item
          name={['store', 'code']}
          label={t('setup.storeCode')}
          extra={t('setup.storeCodeHelp')}
          rules={[rules.required(t), rules.storeCode(t)]}
        >
          <Input data-testid="setup-store-code" autoCapitalize="off" />
        </Form.Item>
        <Form.Item
          name={['store', 'name']}
          label={t('setup.storeName')}
          rules={[rules.required(t), rules.max(t, 100)]}
        >
          <Input placeholder={t('setup.storeNamePlaceholder')} data-testid="setup-store-name" />
        </Form.Item>
        <Form.Item name={['store', 'platform']} label={t('setup.platform')} rules={[rules.requiredSelect(t)]}>
          <Select
            data-testid="setup-store-platform"
            options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('setup.sectionOwner')}
        </Divider>
        <Form.Item
          name={['owner', 'login']}
          label={t('setup.ownerLogin')}
          rules={[rules.required(t), rules.login(t)]}
        >
          <Input autoComplete="username" data-testid="setup-owner-login" autoCapitalize="off" />
        </Form.Item>
        <Form.Item
          name={['owner', 'displayName']}
          label={t('setup.displayName')}
          rules={[rules.required(t), rules.max(t, 64)]}
        >
          <Input placeholder={t('setup.displayNamePlaceholder')} data-testid="setup-owner-name" />
        </Form.Item>
        <Form.Item
          name={['owner', 'password']}
          label={t('setup.password')}
          rules={[rules.requiredSelect(t), rules.password(t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-owner-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('setup.passwordConfirm')}
          dependencies={[['owner', 'password']]}
          rules={[rules.requiredSelect(t), rules.sameAs(t, ['owner', 'password'])]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-owner-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
