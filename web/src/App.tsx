import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { isApiError } from './api/http';
import { I18nProvider, useI18n } from './i18n';
import { AppRoutes } from './routes';
import { ME_KEY, markSessionExpired } from './session';

/** A 401 from any call means the session is gone: clear "me" and the guards send the person to /login. */
function onAuthError(err: unknown, key?: readonly unknown[]) {
  if (isApiError(err) && err.status === 401 && key?.[0] !== ME_KEY[0] && queryClient.getQueryData(ME_KEY)) {
    markSessionExpired();
    queryClient.setQueryData(ME_KEY, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => onAuthError(err, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (err) => onAuthError(err) }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function AntdRoot({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1677ff', borderRadius: 6 },
        components: {
          Layout: { headerHeight: 56, headerPadding: '0 16px', siderBg: '#fff', headerBg: '#fff' },
        },
      }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdRoot>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AntdRoot>
      </I18nProvider>
    </QueryClientProvider>
  );
}
