import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { useI18n } from '../../../i18n';
import { Ledger } from './Ledger';
import { Restock } from './Restock';
import { StockTake } from './StockTake';
import { Suppliers } from './Suppliers';

/** /s/:storeCode/inventory: sellable days and restock, the stock ledger, stock-taking, suppliers and POs. */
export default function InventoryPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'restock';
  return (
    <PageContainer title={t('inv.title')} subTitle={t('inv.subtitle')} testId="page-inventory">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'restock', label: t('inv.tab.restock'), children: <Restock /> },
          { key: 'ledger', label: t('inv.tab.ledger'), children: <Ledger /> },
          { key: 'stocktake', label: t('inv.tab.stocktake'), children: <StockTake /> },
          { key: 'suppliers', label: t('inv.tab.suppliers'), children: <Suppliers /> },
        ]}
      />
    </PageContainer>
  );
}
