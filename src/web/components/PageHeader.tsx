import { Flex, Typography } from "antd";
import { type ReactNode, useEffect } from "react";

/** Page title (also the document title) with actions on the right. */
export function PageHeader({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} - 有诉即办服务平台`;
  }, [title]);
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children && <div style={{ marginTop: 8 }}>{children}</div>}
    </div>
  );
}
