import { LockOutlined, PlusOutlined, SafetyOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip } from "antd";
import { useMemo, useState } from "react";
import { ROLE_LABELS } from "../../../contracts/enums.js";
import { errorMessage } from "../../api/client.js";
import { useDepartments } from "../../api/departments.js";
import { useResetUserMfa } from "../../api/mfa.js";
import type { User } from "../../api/types.js";
import { useUnlockUser, useUsers } from "../../api/users.js";
import { PageHeader } from "../../components/PageHeader.js";
import { dayjs, formatDateTimeZh } from "../../lib/time.js";
import { ResetPasswordModal } from "./ResetPasswordModal.js";
import { UserDrawer } from "./UserDrawer.js";

function isLocked(u: User): boolean {
  return !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());
}

/** 用户管理: staff accounts, their roles and department. */
export function UsersPage() {
  const users = useUsers();
  const depts = useDepartments({ includeInactive: true });
  const unlock = useUnlockUser();
  const resetMfa = useResetUserMfa();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const deptName = useMemo(() => new Map((depts.data ?? []).map((d) => [d.id, d.name])), [depts.data]);
  const rows = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);

  const doUnlock = async (u: User) => {
    try {
      await unlock.mutateAsync(u.id);
      message.success(`已解锁“${u.displayName}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const doResetMfa = async (u: User) => {
    try {
      await resetMfa.mutateAsync(u.id);
      message.success(`已重置“${u.displayName}”的动态口令，其登录会话已注销`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<User> = [
    { title: "用户名", dataIndex: "username", width: 140 },
    { title: "姓名", dataIndex: "displayName", width: 120 },
    { title: "岗位", dataIndex: "post", width: 140, render: (v: string | null) => v || "—" },
    {
      title: "角色",
      dataIndex: "roles",
      render: (roles: User["roles"]) => (
        <Space size={[0, 4]} wrap>
          {roles.map((r) => (
            <Tag
              key={r}
              color={
                r === "admin"
                  ? "volcano"
                  : r === "auditor"
                    ? "purple"
                    : r === "security_officer"
                      ? "gold"
                      : "blue"
              }
            >
              {ROLE_LABELS[r]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: "所属部门",
      dataIndex: "departmentId",
      render: (id: string | null) => (id ? (deptName.get(id) ?? `#${id}`) : "—"),
    },
    {
      title: "状态",
      key: "state",
      width: 150,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          {u.mfaEnabled && (
            <Tag color="geekblue" icon={<SafetyOutlined />}>
              双因素
            </Tag>
          )}
          {isLocked(u) && (
            <Tooltip title={`锁定至 ${formatDateTimeZh(u.lockedUntil)}`}>
              <Tag color="red" icon={<LockOutlined />}>
                已锁定
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: "操作",
      key: "ops",
      width: 300,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            重置密码
          </Button>
          {u.mfaEnabled && (
            <Popconfirm
              title={`重置“${u.displayName}”的动态口令？`}
              description="用于手机丢失或更换。重置后该用户只凭密码登录，须重新绑定；操作记入审计日志。"
              onConfirm={() => doResetMfa(u)}
              okText="重置"
              cancelText="取消"
            >
              <Button type="link" size="small" danger data-testid={`reset-mfa-${u.username}`}>
                重置动态口令
              </Button>
            </Popconfirm>
          )}
          {isLocked(u) && (
            <Popconfirm
              title={`解锁“${u.displayName}”？`}
              onConfirm={() => doUnlock(u)}
              okText="解锁"
              cancelText="取消"
            >
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="用户管理"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="user-new"
          >
            新增用户
          </Button>
        }
      />
      <Card>
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={users.isFetching && !users.isFetchingNextPage}
          pagination={false}
          locale={{ emptyText: users.isError ? `加载失败：${errorMessage(users.error)}` : "还没有用户" }}
        />
        {users.hasNextPage && (
          <div style={{ textAlign: "center", marginTop: 16 }}>
            <Button onClick={() => users.fetchNextPage()} loading={users.isFetchingNextPage}>
              加载更多
            </Button>
          </div>
        )}
      </Card>
      <UserDrawer
        user={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        departments={depts.data ?? []}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
