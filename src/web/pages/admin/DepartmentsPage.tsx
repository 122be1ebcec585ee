import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import { useDepartments, useSaveDepartment } from "../../api/departments.js";
import type { Department } from "../../api/types.js";
import { PageHeader } from "../../components/PageHeader.js";
import { DepartmentDrawer } from "./DepartmentDrawer.js";

/** 部门管理: the resident departments (进驻部门) and what staff must know about each. */
export function DepartmentsPage() {
  const [q, setQ] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Department | "new" | null>(null);
  const list = useDepartments({ q, includeInactive });
  const save = useSaveDepartment();
  const { message } = App.useApp();

  const toggleActive = async (d: Department) => {
    try {
      await save.mutateAsync({ id: d.id, active: !d.active });
      message.success(d.active ? `已停用“${d.name}”` : `已启用“${d.name}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Department> = [
    { title: "部门编码", dataIndex: "code", width: 120 },
    { title: "部门名称", dataIndex: "name" },
    { title: "联系电话", dataIndex: "phone", width: 150, render: (v: string | null) => v || "—" },
    { title: "位置/窗口", dataIndex: "location", render: (v: string | null) => v || "—" },
    {
      title: "服务事项",
      dataIndex: "services",
      render: (s: string[]) =>
        s.length ? (
          <Space size={[0, 4]} wrap>
            {s.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Space>
        ) : (
          "—"
        ),
    },
    {
      title: "状态",
      dataIndex: "active",
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: "操作",
      key: "ops",
      width: 140,
      render: (_, d) => (
        <Space>
          <Button type="link" size="small" onClick={() => setEditing(d)}>
            编辑
          </Button>
          <Popconfirm
            title={d.active ? `停用“${d.name}”？` : `启用“${d.name}”？`}
            description={d.active ? "停用后不能再向该部门分办诉求，已有工作单不受影响。" : undefined}
            onConfirm={() => toggleActive(d)}
            okText="确定"
            cancelText="取消"
          >
            <Button type="link" size="small" danger={d.active}>
              {d.active ? "停用" : "启用"}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="部门管理"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="dept-new"
          >
            新增部门
          </Button>
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            placeholder="按名称、代码或服务事项搜索"
            allowClear
            onSearch={setQ}
            style={{ width: 300 }}
            aria-label="搜索部门"
          />
          <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
            显示已停用部门
          </Checkbox>
        </Space>
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={list.data}
          loading={list.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: list.isError
              ? `加载失败：${errorMessage(list.error)}`
              : q
                ? "没有符合条件的部门"
                : "还没有部门。点击右上角“新增部门”登记进驻部门。",
          }}
        />
      </Card>
      <DepartmentDrawer
        department={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
