import { Flex, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The page frame of Ant Design Pro: a title line with actions, then the content. */
export function PageContainer({
  title,
  subTitle,
  extra,
  children,
  testId,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  return (
    <div data-testid={testId} style={{ padding: mobile ? 12 : 24 }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
            {title}
          </Typography.Title>
          {subTitle ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subTitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
