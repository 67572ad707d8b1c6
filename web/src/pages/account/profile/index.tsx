import { App, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { authApi } from '../../../api/auth';
import { PageContainer } from '../../../components/PageContainer';
import { applyServerError } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import type { Locale } from '../../../locales';
import { useMe, useSetMe } from '../../../session';
import { rules } from '../../../utils/validation';

type ProfileValues = { displayName: string; locale: Locale };
type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

export default function AccountPage() {
  const { t, setLocale } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const [profile] = Form.useForm<ProfileValues>();
  const [password] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState<'profile' | 'password' | null>(null);

  useEffect(() => {
    if (me) profile.setFieldsValue({ displayName: me.person.displayName, locale: me.person.locale });
  }, [me, profile]);

  if (!me) return null;

  const saveProfile = async (v: ProfileValues) => {
    setBusy('profile');
    try {
      const next = await authApi.updateMe({ displayName: v.displayName.trim(), locale: v.locale });
      setMe(next);
      setLocale(next.person.locale);
      message.success(t('common.saved'));
    } catch (e) {
      applyServerError(profile, e, t, (text) => message.error(text));
    } finally {
      setBusy(null);
    }
  };

  const changePassword = async (v: PasswordValues) => {
    setBusy('password');
    try {
      setMe(await authApi.updateMe({ currentPassword: v.currentPassword, newPassword: v.newPassword }));
      password.resetFields();
      message.success(t('account.passwordChanged'));
    } catch (e) {
      applyServerError(password, e, t, (text) => message.error(text), { password: ['newPassword'] });
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageContainer title={t('account.title')} testId="page-account">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')} size="small">
            <Form<ProfileValues>
              form={profile}
              layout="vertical"
              onFinish={saveProfile}
              data-testid="profile-form"
            >
              <Form.Item label={t('account.login')}>
                <Input value={me.person.login} disabled />
              </Form.Item>
              <Form.Item
                name="displayName"
                label={t('account.displayName')}
                rules={[rules.required(t), rules.max(t, 64)]}
              >
                <Input data-testid="profile-display-name" />
              </Form.Item>
              <Form.Item name="locale" label={t('account.language')} rules={[rules.requiredSelect(t)]}>
                <Select
                  data-testid="profile-locale"
                  options={[
                    { value: 'zh-CN', label: t('shell.lang.zh') },
                    { value: 'en-US', label: t('shell.lang.en') },
                  ]}
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={busy === 'profile'}
                data-testid="profile-submit"
              >
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.password')} size="small">
            <Form<PasswordValues>
              form={password}
              layout="vertical"
              onFinish={changePassword}
              data-testid="password-form"
            >
              <Form.Item
                name="currentPassword"
                label={t('account.currentPassword')}
                rules={[rules.requiredSelect(t)]}
              >
                <Input.Password autoComplete="current-password" data-testid="password-current" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                rules={[rules.requiredSelect(t), rules.password(t)]}
              >
                <Input.Password autoComplete="new-password" data-testid="password-new" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={[rules.requiredSelect(t), rules.sameAs(t, 'newPassword')]}
              >
                <Input.Password autoComplete="new-password" data-testid="password-confirm" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={busy === 'password'}
                data-testid="password-submit"
              >
                {t('account.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
