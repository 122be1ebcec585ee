import { ReloadOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  ASSIGNMENT_ROLE_LABELS,
  opinionSchema,
  progressSchema,
  replySchema,
  returnSchema,
} from "../../../contracts/work-orders.js";
import { isOpenOrder } from "../../../core/work-order.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { useReportProgress } from "../../api/plans.js";
import { useDepartmentAction, useWorkOrder, type WorkOrder } from "../../api/workOrders.js";
import { useSession } from "../../auth/session.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { fieldRules } from "../../lib/validation.js";
import { ExtensionModal } from "./ExtensionModal.js";
import { PlanEditor } from "./PlanEditor.js";
import { type TextAction, TextActionModal } from "./TextActionModal.js";
import {
  AppendixA,
  AssignmentsTable,
  ExtensionsList,
  PlanView,
  WorkOrderStatusTag,
} from "./WorkOrderSections.js";
import { departmentButtons, type OrderButton } from "./workOrderActions.js";
import "../appeals/appeals.css";
import { PrintWorkOrderButton } from "../../components/PrintWorkOrderButton.js";

const LABELS: Record<OrderButton, string> = {
  sign: "签收",
  return: "退单",
  opinion: "提交意见",
  reply: "答复",
  extension: "申请延期",
  plan: "制定方案",
};

function ProgressModal({
  target,
  onClose,
}: {
  target: { planId: string; milestoneId: string; title: string } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ report?: string; done?: boolean }>();
  const mutation = useReportProgress();
  const { modalProps } = useFormSubmit(form, {
    run: async (v) => {
      if (!target) return;
      await mutation.mutateAsync({
        planId: target.planId,
        milestoneId: target.milestoneId,
        body: { report: v.report!.trim(), done: !!v.done },
      });
    },
    done: "进展已上报",
    onClose,
  });
  return (
    <Modal {...modalProps} open={target !== null} title={`上报进展 · ${target?.title ?? ""}`} okText="上报">
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="report"
          label="进展情况"
          rules={fieldRules(progressSchema.shape.report, { label: "进展情况" })}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>该节点已完成</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The actions of the caller's department on this order, each with the version it was read at. */
function useActionFor(wo: WorkOrder) {
  const action = useDepartmentAction();
  const v = wo.version;
  const text = (b: "return" | "opinion" | "reply"): TextAction =>
    b === "return"
      ? {
          title: `退单 · ${wo.number}`,
          field: "reason",
          label: "退单理由",
          schema: returnSchema.shape.reason,
          okText: "确认退单",
          danger: true,
          hint:
            wo.myRole === "lead"
              ? "牵头部门退单后，整张工作单退回审核人员重新分办。"
              : "协办部门退单后，本部门退出该工作单的办理。",
          run: (reason) =>
            action.mutateAsync({
              id: wo.id,
              action: { kind: "return", body: { reason: reason ?? "", expectedVersion: v } },
            }),
          done: "已退单",
        }
      : b === "opinion"
        ? {
            title: `提交办理意见 · ${wo.number}`,
            field: "opinion",
            label: "办理意见",
            schema: opinionSchema.shape.opinion,
            okText: "提交意见",
            maxLength: 2000,
            hint: `意见提交给牵头部门（${wo.leadDepartment.name}），由其汇总答复。`,
            run: (opinion) =>
              action.mutateAsync({
                id: wo.id,
                action: { kind: "opinion", body: { opinion: opinion ?? "", expectedVersion: v } },
              }),
            done: "意见已提交",
          }
        : {
            title: `答复 · ${wo.number}`,
            field: "result",
            label: "答复内容",
            schema: replySchema.shape.result,
            okText: "提交答复",
            maxLength: 4000,
            rows: 6,
            hint: "答复经审核人员核实后销号，并告知诉求人办理结果。",
            run: (result) =>
              action.mutateAsync({
                id: wo.id,
                action: { kind: "reply", body: { result: result ?? "", expectedVersion: v } },
              }),
            done: "答复已提交",
          };
  return { action, text };
}

/** The work-order view: Appendix A, the appeal content, departments and opinions, and the actions. */
export function WorkOrderPage() {
  const { id } = useParams();
  const q = useWorkOrder(id);
  const { user, hasRole } = useSession();
  const { message } = App.useApp();
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) {
    const nf = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={nf ? "404" : "error"}
        title={nf ? "工作单不存在或不在您的办理范围内" : "工作单加载失败"}
        subTitle={nf ? undefined : errorMessage(q.error)}
        extra={
          <Link to="/department">
            <Button type="primary">返回部门办件</Button>
          </Link>
        }
      />
    );
  }
  return (
    <WorkOrderView
      wo={q.data}
      departmentId={hasRole("department") ? user?.departmentId : null}
      message={message}
    />
  );
}

function WorkOrderView({
  wo,
  departmentId,
  message,
}: {
  wo: WorkOrder;
  departmentId: string | null | undefined;
  message: ReturnType<typeof App.useApp>["message"];
}) {
  const buttons = departmentButtons(wo, departmentId);
  const { action, text } = useActionFor(wo);
  const [textAction, setTextAction] = useState<TextAction | null>(null);
  const [extension, setExtension] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [progress, setProgress] = useState<{ planId: string; milestoneId: string; title: string } | null>(
    null,
  );
  const q = useWorkOrder(wo.id);
  const isLead = wo.myRole === "lead";
  const open = isOpenOrder(wo.status);

  const click = async (b: OrderButton) => {
    if (b === "sign") {
      try {
        await action.mutateAsync({
          id: wo.id,
          action: { kind: "sign", body: { expectedVersion: wo.version } },
        });
        message.success("已签收");
      } catch (e) {
        message.error(e instanceof ApiError && e.status === 409 ? "已被他人处理，请刷新" : errorMessage(e));
      }
    } else if (b === "extension") setExtension(true);
    else if (b === "plan") setPlanning(true);
    else setTextAction(text(b));
  };

  return (
    <>
      <PageHeader
        title={`工作单 ${wo.number}`}
        extra={
          <Space wrap>
            {buttons.map((b) => (
              <Button
                key={b}
                type={b === "sign" || b === "reply" || b === "opinion" ? "primary" : "default"}
                danger={b === "return"}
                loading={b === "sign" && action.isPending}
                onClick={() => void click(b)}
                data-testid={`wo-action-${b}`}
              >
                {LABELS[b]}
              </Button>
            ))}
            <PrintWorkOrderButton id={wo.id} data-testid="wo-print" />
            <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void q.refetch()} />
          </Space>
        }
      >
        <Space size={16} wrap>
          <WorkOrderStatusTag status={wo.status} />
          {wo.myRole && <span>本部门：{ASSIGNMENT_ROLE_LABELS[wo.myRole]}</span>}
          <Link to={`/appeals/${wo.appeal.id}`}>诉求 {wo.appeal.trackingNo}</Link>
          {open && (
            <DueLight
              at={wo.dueAt}
              light={wo.light ?? undefined}
              provisional={wo.dueProvisional}
              explanation={wo.dueExplanation}
            />
          )}
        </Space>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="工作单" size="small">
            <AppendixA wo={wo} />
          </Card>
          <Card title="诉求主要内容" size="small" style={{ marginTop: 16 }}>
            <Typography.Paragraph
              className="appeal-content"
              style={{ marginBottom: 0 }}
              data-testid="wo-content"
            >
              {wo.appeal.content}
            </Typography.Paragraph>
          </Card>
          {(wo.result || wo.reworkReason || wo.returnedReason) && (
            <Card title="办理结果" size="small" style={{ marginTop: 16 }}>
              {wo.reworkReason && (
                <Typography.Paragraph type="danger">退回重办：{wo.reworkReason}</Typography.Paragraph>
              )}
              {wo.returnedReason && (
                <Typography.Paragraph type="danger">退单理由：{wo.returnedReason}</Typography.Paragraph>
              )}
              {wo.result && (
                <Typography.Paragraph className="appeal-content" data-testid="wo-result">
                  {wo.result}
                </Typography.Paragraph>
              )}
            </Card>
          )}
          <Card title="办理部门" size="small" style={{ marginTop: 16 }}>
            <AssignmentsTable rows={wo.assignments} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="延期申请" size="small">
            <ExtensionsList wo={wo} />
          </Card>
          {wo.complexity === "major" && (
            <Card title="解决方案与时间节点" size="small" style={{ marginTop: 16 }}>
              {wo.plans.length === 0 ? (
                <Typography.Text type="secondary">尚未制定方案。</Typography.Text>
              ) : (
                wo.plans.map((p) => (
                  <PlanView
                    key={p.id}
                    plan={p}
                    onReport={
                      isLead && p.status === "approved" && departmentId
                        ? (mid, title) => setProgress({ planId: p.id, milestoneId: mid, title })
                        : undefined
                    }
                  />
                ))
              )}
            </Card>
          )}
        </Col>
      </Row>
      <TextActionModal action={textAction} onClose={() => setTextAction(null)} />
      <ExtensionModal order={wo} open={extension} onClose={() => setExtension(false)} />
      <PlanEditor order={wo} open={planning} onClose={() => setPlanning(false)} />
      <ProgressModal target={progress} onClose={() => setProgress(null)} />
    </>
  );
}
