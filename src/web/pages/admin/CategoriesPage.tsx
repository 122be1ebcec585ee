import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import { type Category, useCategories, useSaveCategory } from "../../api/knowledge.js";
import { PageHeader } from "../../components/PageHeader.js";
import { applyApiErrors } from "../../lib/formErrors.js";

type Row = Category & { children?: Row[] };

/** 分类管理: the two-level taxonomy; codes in use are disabled, never deleted. */
export function CategoriesPage() {
  const [includeInactive, setIncludeInactive] = useState(true);
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const list = useCategories(includeInactive);
  const save = useSaveCategory();
  const [form] = Form.useForm<{ code: string; name: string; parentCode?: string; position?: number }>();
  const { message } = App.useApp();
  const items = list.data?.items ?? [];
  const tree: Row[] = items
    .filter((c) => c.parentCode === null)
    .map((top) => ({ ...top, children: items.filter((c) => c.parentCode === top.code) }));

  const toggle = async (c: Category) => {
    try {
      await save.mutateAsync({ code: c.code, patch: { active: !c.active } });
      message.success(c.active ? `已停用“${c.name}”` : `已启用“${c.name}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const openEditor = (c: Category | "new") => {
    form.resetFields();
    if (c !== "new") form.setFieldsValue({ ...c, parentCode: c.parentCode ?? undefined });
    setEditing(c);
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (editing === "new") {
        await save.mutateAsync({
          code: v.code,
          create: { code: v.code, name: v.name, parentCode: v.parentCode ?? null, position: v.position },
        });
      } else if (editing) {
        await save.mutateAsync({ code: editing.code, patch: { name: v.name, position: v.position } });
      }
      message.success("分类已保存");
      setEditing(null);
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const columns: TableColumnsType<Row> = [
    { title: "名称", dataIndex: "name" },
    { title: "编码", dataIndex: "code", width: 120 },
    { title: "排序", dataIndex: "position", width: 80 },
    {
      title: "状态",
      dataIndex: "active",
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: "操作",
      key: "ops",
      width: 160,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEditor(c)}>
            编辑
          </Button>
          <Button type="link" size="small" danger={c.active} onClick={() => toggle(c)}>
            {c.active ? "停用" : "启用"}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="分类管理"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor("new")}>
            新增分类
          </Button>
        }
      >
        诉求登记时窗口按此作初步分类，统计按分类汇总。已使用的分类请停用，不要删除。
      </PageHeader>
      <Card>
        <Checkbox
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.target.checked)}
          style={{ marginBottom: 16 }}
        >
          显示已停用分类
        </Checkbox>
        <Table<Row>
          rowKey="code"
          columns={columns}
          dataSource={tree}
          loading={list.isFetching}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          data-testid="categories-table"
        />
      </Card>
      <Modal
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={save.isPending}
        title={editing === "new" ? "新增分类" : "编辑分类"}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label="编码"
            rules={[{ required: true, message: "请输入编码" }]}
            extra="如 07.05；创建后不可修改"
          >
            <Input disabled={editing !== "new"} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: "请输入名称" }]}>
            <Input />
          </Form.Item>
          {editing === "new" && (
            <Form.Item name="parentCode" label="上级分类" extra="不选则为一级分类">
              <Select
                allowClear
                options={items
                  .filter((c) => c.parentCode === null)
                  .map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="position" label="排序">
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
