import { Alert, Card, Empty, Skeleton, Space, Table, type TableColumnsType, Tag } from "antd";
import { Link } from "react-router";
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS } from "../../../contracts/work-orders.js";
import { errorMessage } from "../../api/client.js";
import { useAppealWorkOrders, type WorkOrder } from "../../api/workOrders.js";
import { PrintWorkOrderButton } from "../../components/PrintWorkOrderButton.js";
import { deadlineText } from "../../lib/time.js";
import { WorkOrderStatusTag } from "../work-orders/WorkOrderSections.js";

/** 工作单 section of 诉求详情: every order of the appeal with each department's state. */
export function AppealWorkOrders({ appealId }: { appealId: string }) {
  const q = useAppealWorkOrders(appealId);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={`工作单加载失败：${errorMessage(q.error)}`} />;
  if (q.data.length === 0) return null;
  const columns: TableColumnsType<WorkOrder> = [
    {
      title: "工作单编号",
      dataIndex: "number",
      width: 160,
      render: (n: string, w) => <Link to={`/work-orders/${w.id}`}>{n}</Link>,
    },
    {
      title: "状态",
      dataIndex: "status",
      width: 90,
      render: (_, w) => <WorkOrderStatusTag status={w.status} />,
    },
    {
      title: "办理部门",
      render: (_, w) => (
        <Space orientation="vertical" size={2}>
          {w.assignments.map((a) => (
            <span key={a.id}>
              {a.departmentName}（{ASSIGNMENT_ROLE_LABELS[a.role]}）
              <Tag style={{ marginLeft: 4 }}>{ASSIGNMENT_STATUS_LABELS[a.status]}</Tag>
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: "完成时限",
      width: 200,
      render: (_, w) => deadlineText(w.dueAt),
    },
    {
      title: "",
      width: 120,
      render: (_, w) => (
        <PrintWorkOrderButton id={w.id} size="small" data-testid={`print-work-order-${w.number}`} />
      ),
    },
  ];
  return (
    <Card title="工作单" size="small" style={{ marginTop: 16 }} data-testid="appeal-work-orders">
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data}
        pagination={false}
        locale={{ emptyText: <Empty description="尚未分办" /> }}
      />
    </Card>
  );
}
