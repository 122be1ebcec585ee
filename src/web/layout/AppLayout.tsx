import { DownOutlined, LockOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { App, Dropdown, Layout, Menu, type MenuProps, Space, Typography } from "antd";
import { createElement, lazy, Suspense, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { ROLE_LABELS } from "../../contracts/enums.js";
import { useSession } from "../auth/session.js";
import { InboxBell } from "./InboxBell.js";
import { type MenuEntry, selectedKey, visibleMenu } from "./menu.js";

// The account dialogs (forms) load when first opened, keeping them out of the start-up chunks.
const ChangePasswordModal = lazy(() =>
  import("../pages/account/ChangePasswordModal.js").then((m) => ({ default: m.ChangePasswordModal })),
);
const MfaModal = lazy(() => import("../pages/account/MfaModal.js").then((m) => ({ default: m.MfaModal })));
const ProfileModal = lazy(() =>
  import("../pages/account/ProfileModal.js").then((m) => ({ default: m.ProfileModal })),
);

const { Header, Sider, Content } = Layout;

function toItems(entries: MenuEntry[]): MenuProps["items"] {
  return entries.map((e) => ({
    key: e.key,
    icon: e.icon ? createElement(e.icon) : undefined,
    label: e.path ? (
      <Link to={e.path} data-testid={`menu-${e.key}`}>
        {e.label}
      </Link>
    ) : (
      <span data-testid={`menu-${e.key}`}>{e.label}</span>
    ),
    children: e.children ? toItems(e.children) : undefined,
  }));
}

export function AppLayout() {
  const { user, logout } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const [mfaOpen, setMfaOpen] = useState(false);
  if (!user) return null;

  const entries = visibleMenu(user.roles);
  const selected = selectedKey(location.pathname);
  const openGroup = entries.find((e) => e.children?.some((c) => c.key === selected))?.key;
  const roleText = user.roles.map((r) => ROLE_LABELS[r]).join("、");

  const userMenu: MenuProps = {
    items: [
      { key: "profile", icon: <UserOutlined />, label: "个人资料" },
      { key: "password", icon: <LockOutlined />, label: "修改密码" },
      { key: "mfa", icon: <SafetyOutlined />, label: "双因素认证" },
      { type: "divider" },
      { key: "logout", icon: <LogoutOutlined />, label: "退出登录", danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === "profile") setProfileOpen(true);
      if (key === "password") setPwdOpen(true);
      if (key === "mfa") setMfaOpen(true);
      if (key === "logout") {
        await logout().catch(() => undefined);
        message.success("已退出登录");
        navigate("/login", { replace: true });
      }
    },
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={200}
        theme="dark"
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <div className="yousu-brand" title="有诉即办服务平台">
          {collapsed ? "诉" : "有诉即办"}
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={openGroup ? [openGroup] : entries.filter((e) => e.children).map((e) => e.key)}
            items={toItems(entries)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="yousu-header">
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="header-center">
            {user.centerName}
          </Typography.Text>
          <Space size={8}>
            <InboxBell />
            <Dropdown menu={userMenu} trigger={["click"]}>
              <button
                type="button"
                className="yousu-user-button"
                data-testid="user-menu"
                aria-label="用户菜单"
              >
                <Space>
                  <span>{user.displayName}</span>
                  <Typography.Text type="secondary">{user.post || roleText}</Typography.Text>
                  <DownOutlined />
                </Space>
              </button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="yousu-content">
          <Outlet />
        </Content>
      </Layout>
      <Suspense fallback={null}>
        {pwdOpen && <ChangePasswordModal open onClose={() => setPwdOpen(false)} />}
        {profileOpen && <ProfileModal open onClose={() => setProfileOpen(false)} />}
        {mfaOpen && <MfaModal open onClose={() => setMfaOpen(false)} />}
      </Suspense>
    </Layout>
  );
}
