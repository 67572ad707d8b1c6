import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LangSwitch } from './LangSwitch';

/** The frame of the login and set-up pages: brand, language switch, one card. */
export function AuthFrame({
  title,
  subTitle,
  children,
  width = 400,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f7fa 45%, #f5f7fa 100%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '12px 20px' }}>
        <Flex align="center" gap={8}>
          <span
            style={{
              width: 28,
              height: 28,
              borderRadius: 6,
              background: '#1677ff',
              color: '#fff',
              fontWeight: 700,
              fontSize: 13,
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
            }}
          >
            SO
          </span>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <LangSwitch />
      </Flex>
      <Flex vertical align="center" style={{ flex: 1, padding: '24px 16px 48px' }}>
        <Typography.Text type="secondary" style={{ marginBottom: 20, textAlign: 'center' }}>
          {t('app.tagline')}
        </Typography.Text>
        <Card style={{ width: '100%', maxWidth: width, boxShadow: '0 6px 16px rgba(0,0,0,0.06)' }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          {subTitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subTitle}
            </Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      </Flex>
    </div>
  );
}
