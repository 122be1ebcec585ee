import { Typography } from "antd";
import { SecuritySettingsCard } from "./SecuritySettingsCard.js";

/**
 * 安全设置 as a page of its own, for the security officer (安全管理员), who changes the settings once
 * designated, and for the auditor, who reads them. The administrator finds the same card on the
 * center profile page.
 */
export function SecuritySettingsPage() {
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        安全设置
      </Typography.Title>
      <SecuritySettingsCard />
    </>
  );
}
