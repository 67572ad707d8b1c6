import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Spin } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../../api/auth';
import { AuthFrame } from '../../../components/AuthFrame';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useMe, useSetMe, useSetupStatus } from '../../../session';
import { rules } from '../../../utils/validation';

type Values = { login: string; password: string };

/** Only same-site paths are followed after login. */
const safeRedirect = (v: string | null) => (v?.startsWith('/') && !v.startsWith('//') ? v : '/');

export default function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const setup = useSetupStatus(me.data === null);
  const setMe = useSetMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.data) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const result = await authApi.login(v.login.trim(), v.password);
      setMe(result);
      navigate(safeRedirect(params.get('redirect')), { replace: true });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')} subTitle={t('login.subtitle')}>
      <Spin spinning={me.isLoading}>
        {!error && params.get('expired') ? (
          <Alert type="info" showIcon title={t('error.sessionExpired')} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : null}
        <Form<Values>
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          size="large"
          data-testid="login-form"
        >
          <Form.Item name="login" label={t('login.login')} rules={[rules.required(t)]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-login" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[rules.requiredSelect(t)]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Spin>
    </AuthFrame>
  );
}
