import { Result } from 'antd';
import { useParams } from 'react-router-dom';
import { isStoreModule } from '../../../access';
import { PageContainer } from '../../../components/PageContainer';
import { useI18n } from '../../../i18n';
import { ModuleGuard } from '../../../layouts/guards';
import { NotFoundPage } from '../not-found';

/** /s/:storeCode/:module for modules whose pages are not built yet: what the module will do. */
export default function NotBuiltPage() {
  const { t } = useI18n();
  const { module } = useParams();
  if (!isStoreModule(module) || module === 'today' || module === 'team') return <NotFoundPage />;
  const name = t(`menu.${module}`);
  return (
    <ModuleGuard module={module}>
      <PageContainer title={name} testId={`page-${module}`}>
        <Result
          status="info"
          title={t('module.notBuiltTitle', { module: name })}
          subTitle={t('module.notBuiltSubtitle', { what: t(`module.desc.${module}`) })}
          style={{ background: '#fff', borderRadius: 8 }}
          data-testid="module-not-built"
        />
      </PageContainer>
    </ModuleGuard>
  );
}
