import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { useI18n } from '../../../i18n';
import { Pipeline } from './Pipeline';
import { Products } from './Products';
import { TitleCheck } from './TitleCheck';

/** /s/:storeCode/catalog: products and heroes, the new-product board, the title checker. */
export default function CatalogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'products';
  return (
    <PageContainer title={t('cat.title')} subTitle={t('cat.subtitle')} testId="page-catalog">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'products', label: t('cat.tab.products'), children: <Products /> },
          { key: 'pipeline', label: t('cat.tab.pipeline'), children: <Pipeline /> },
          { key: 'title', label: t('cat.tab.title'), children: <TitleCheck /> },
        ]}
      />
    </PageContainer>
  );
}
