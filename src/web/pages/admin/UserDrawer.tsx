import { App, Button, Drawer, Form, Input, Select, Space, Switch } from "antd";
import { useEffect } from "react";
import { createUserSchema } from "../../../contracts/accounts.js";
import { ROLE_LABELS, ROLES, type Role } from "../../../contracts/enums.js";
import type { Department, User } from "../../api/types.js";
import { type UserInput, useSaveUser } from "../../api/users.js";
import { PasswordInput } from "../../components/PasswordInput.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules, PASSWORD_HINT, passwordRules } from "../../lib/validation.js";

const field = createUserSchema.shape;
const RULES = {
  username: fieldRules(field.username, { label: "用户名", required: "请输入用户名" }),
  displayName: fieldRules(field.displayName, { label: "姓名" }),
  post: fieldRules(field.post, { label: "岗位" }),
  phone: fieldRules(field.phone, { label: "办公电话" }),
  roles: fieldRules(field.roles, { label: "角色", required: "请至少选择一个角色" }),
};

interface Props {
  /** null = create a new user. */
  user: User | null;
  open: boolean;
  onClose: () => void;
  departments: Department[];
}

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UserDrawer({ user, open, onClose, departments }: Props) {
  const [form] = Form.useForm<UserInput>();
  const save = useSaveUser();
  const { message } = App.useApp();
  const roles: Role[] = Form.useWatch("roles", form) ?? [];
  const needsDept = roles.includes("department");

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue(user);
  }, [open, user, form]);

  const submit = async (v: UserInput) => {
    const body: UserInput = {
      ...v,
      displayName: v.displayName?.trim(),
      post: v.post?.trim() || null,
      phone: v.phone?.trim() || null,
      departmentId: needsDept ? (v.departmentId ?? null) : null,
    };
    try {
      // The username is fixed once created; PATCH does not take it.
      const { username: _u, password: _p, ...patch } = body;
      await save.mutateAsync(user ? { id: user.id, ...patch } : body);
      message.success(user ? "用户信息已保存" : `已新增用户“${body.displayName}”`);
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const deptOptions = departments
    .filter((d) => d.active || d.id === user?.departmentId)
    .map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（已停用）` }));

  return (
    <Drawer
      title={user ? `编辑用户：${user.displayName}` : "新增用户"}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      footer={
        <Space style={{ float: "right" }}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-save"
          >
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: [], active: true }}>
        <Form.Item name="username" label="用户名" rules={user ? [] : RULES.username}>
          <Input autoFocus={!user} disabled={!!user} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label="初始密码"
            rules={passwordRules({ field: "username" })}
            dependencies={["username"]}
            extra={PASSWORD_HINT}
          >
            <PasswordInput autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" rules={RULES.displayName}>
          <Input autoFocus={!!user} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="post" label="岗位" rules={RULES.post}>
          <Input placeholder="如 综合窗口、审核分办岗" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="办公电话"
          rules={RULES.phone}
          extra="分办时默认印为工作单联系电话；未填时用中心电话"
        >
          <Input placeholder="如 010-12345678" data-testid="user-phone" />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={RULES.roles}
          extra="三员分立：系统管理员、审计员、安全管理员由不同人员担任。指定安全管理员后，安全设置（双因素认证要求、保存期限）只能由安全管理员修改"
        >
          <Select mode="multiple" options={roleOptions} placeholder="选择角色" data-testid="user-roles" />
        </Form.Item>
        {needsDept && (
          <Form.Item
            name="departmentId"
            label="所属部门"
            rules={[{ required: true, message: "部门经办人须选择所属部门" }]}
          >
            <Select
              options={deptOptions}
              showSearch={{ optionFilterProp: "label" }}
              placeholder="选择部门"
              notFoundContent="没有部门，请先在“部门管理”中新增"
              data-testid="user-department"
            />
          </Form.Item>
        )}
        {user && (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Drawer>
  );
}
