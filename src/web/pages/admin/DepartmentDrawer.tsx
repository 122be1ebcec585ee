import { App, Button, Drawer, Form, Input, Select, Space, Switch } from "antd";
import { useEffect } from "react";
import { createDepartmentSchema } from "../../../contracts/accounts.js";
import { type DepartmentInput, useSaveDepartment } from "../../api/departments.js";
import type { Department } from "../../api/types.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";

const field = createDepartmentSchema.shape;
const RULES = {
  code: fieldRules(field.code, { label: "部门编码", required: "请输入部门编码" }),
  name: fieldRules(field.name, { label: "部门名称" }),
  phone: fieldRules(field.phone, { label: "联系电话" }),
  location: fieldRules(field.location, { label: "位置/窗口" }),
  services: fieldRules(field.services, { label: "服务事项" }),
  functions: fieldRules(field.functions, { label: "职能" }),
  hours: fieldRules(field.hours, { label: "办公时间" }),
};

interface Props {
  /** null = create a new department. */
  department: Department | null;
  open: boolean;
  onClose: () => void;
}

export function DepartmentDrawer({ department, open, onClose }: Props) {
  const [form] = Form.useForm<DepartmentInput>();
  const save = useSaveDepartment();
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (department) form.setFieldsValue(department);
  }, [open, department, form]);

  const submit = async (v: DepartmentInput) => {
    const body = {
      ...v,
      phone: v.phone?.trim() || null,
      location: v.location?.trim() || null,
      functions: v.functions?.trim() || null,
      hours: v.hours?.trim() || null,
      services: (v.services ?? []).map((s) => s.trim()).filter(Boolean),
    };
    try {
      // The code is fixed once created; PATCH does not take it.
      const { code: _c, ...patch } = body;
      await save.mutateAsync(department ? { id: department.id, ...patch } : body);
      message.success(department ? "部门信息已保存" : `已新增部门“${v.name}”`);
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <Drawer
      title={department ? `编辑部门：${department.name}` : "新增部门"}
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
            data-testid="dept-save"
          >
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ services: [], active: true }}>
        <Form.Item
          name="code"
          label="部门编码"
          rules={department ? [] : RULES.code}
          extra={
            department ? "部门编码创建后不可修改" : "本中心内唯一，字母、数字、_ 或 -，如 SCJG（市场监管）"
          }
        >
          <Input autoFocus={!department} disabled={!!department} data-testid="dept-code" />
        </Form.Item>
        <Form.Item name="name" label="部门名称" rules={RULES.name}>
          <Input autoFocus={!!department} data-testid="dept-name" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={RULES.phone}>
          <Input placeholder="手机号或固定电话，如 010-12345678" data-testid="dept-phone" />
        </Form.Item>
        <Form.Item name="location" label="位置/窗口" rules={RULES.location}>
          <Input placeholder="如 一楼 A 区 12 号窗口" />
        </Form.Item>
        <Form.Item
          name="services"
          label="服务事项"
          extra="输入后按回车添加，可添加多项"
          rules={RULES.services}
        >
          <Select mode="tags" open={false} tokenSeparators={[",", "，", "、"]} aria-label="服务事项" />
        </Form.Item>
        <Form.Item name="hours" label="办公时间" rules={RULES.hours}>
          <Input placeholder="如 工作日 9:00–12:00，13:30–17:00" data-testid="dept-hours" />
        </Form.Item>
        <Form.Item
          name="functions"
          label="职能/业务"
          rules={RULES.functions}
          extra="窗口人员向群众解释时参考"
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="dept-functions" />
        </Form.Item>
        {department && (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Drawer>
  );
}
