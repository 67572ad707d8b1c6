import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenDesc')}
      data-testid="forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.goHome')}</Button>
        </Link>
      }
    />
  );
}

export default ForbiddenPage;
