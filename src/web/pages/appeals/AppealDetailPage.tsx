import { PrinterOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { APPEAL_TYPE_LABELS, isOnlineChannel, REJECT_REASON_LABELS } from "../../../contracts/appeals.js";
import { canTransition, FINISHED_STATES } from "../../../core/workflow.js";
import { type Appeal, receiptUrl, useAppeal, useAppealEvents } from "../../api/appeals.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { useSession } from "../../auth/session.js";
import { type ActionKind, AppealActionModal } from "../../components/AppealActionModal.js";
import { AppealStatusTag, channelText } from "../../components/AppealTags.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";
import { DispatchDrawer } from "../dispatch/DispatchDrawer.js";
import { type TextAction, TextActionModal } from "../work-orders/TextActionModal.js";
import { AppealResults } from "./AppealResults.js";
import { AppealTimeline } from "./AppealTimeline.js";
import { AppealWorkOrders } from "./AppealWorkOrders.js";
import {
  HANDLING_TEXT,
  type HandlingKind,
  handlingActions,
  TransferModal,
  useHandlingPrompt,
} from "./HandlingActions.js";
import { RepeatCard } from "./RepeatCard.js";
import { RequesterCard } from "./RequesterCard.js";
import "./appeals.css";

/** The deadline that matters now: the first response while it is owed, else the due date. */
function currentDeadline(a: Appeal) {
  if (FINISHED_STATES.includes(a.status)) return null;
  if (a.status === "received" && a.respondBy && !a.respondedAt) {
    return { label: "首次回应时限", at: a.respondBy, provisional: a.respondByProvisional };
  }
  if (a.dueAt) return { label: "办理时限", at: a.dueAt, provisional: a.dueProvisional };
  return null;
}

/** Which front-desk buttons the workflow allows now (UX.md: buttons exist only when allowed). */
export function availableActions(a: Appeal): ActionKind[] {
  const out: ActionKind[] = [];
  if (canTransition(a.status, "acknowledge") && isOnlineChannel(a.channel) && !a.respondedAt) {
    out.push("acknowledge");
  }
  if (canTransition(a.status, "resolve")) out.push("resolve");
  if (canTransition(a.status, "reject")) out.push("reject");
  return out;
}

const BUTTON_TEXT: Record<ActionKind, string> = {
  acknowledge: "回应",
  resolve: "当场办结",
  reject: "不予受理",
};

/** 诉求详情: one page for every role; actions only for the front desk and only when allowed. */
export function AppealDetailPage() {
  const { id } = useParams();
  const appeal = useAppeal(id);
  const events = useAppealEvents(id);
  const { hasRole } = useSession();
  const [acting, setActing] = useState<ActionKind | null>(null);
  const [dispatching, setDispatching] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [prompt, setPrompt] = useState<TextAction | null>(null);

  const refresh = () => {
    void appeal.refetch();
    void events.refetch();
  };

  if (appeal.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (appeal.isError) {
    const notFound = appeal.error instanceof ApiError && appeal.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? "诉求不存在或不在您的办理范围内" : "诉求加载失败"}
        subTitle={notFound ? "请检查受理编号，或在诉求查询中重新查找。" : errorMessage(appeal.error)}
        extra={
          <Link to="/appeals">
            <Button type="primary">返回诉求查询</Button>
          </Link>
        }
      />
    );
  }

  const a = appeal.data;
  const deadline = currentDeadline(a);
  const actions = hasRole("window", "dispatcher") ? availableActions(a) : [];
  const handling = hasRole("dispatcher") ? handlingActions(a) : [];
  const canReveal = hasRole("window", "dispatcher", "supervisor", "admin");

  return (
    <>
      <PageHeader
        title={`诉求详情 ${a.trackingNo}`}
        extra={
          <Space wrap>
            {actions.map((k) => (
              <Button
                key={k}
                type={k === "acknowledge" || k === "resolve" ? "primary" : "default"}
                danger={k === "reject"}
                onClick={() => setActing(k)}
                data-testid={`action-${k}`}
              >
                {BUTTON_TEXT[k]}
              </Button>
            ))}
            {handling.map((k) => (
              <HandlingButton
                key={k}
                kind={k}
                appeal={a}
                onDispatch={() => setDispatching(true)}
                onTransfer={() => setTransferring(true)}
                onPrompt={setPrompt}
              />
            ))}
            <Button
              icon={<PrinterOutlined />}
              onClick={() => window.open(receiptUrl(a.id), "_blank", "noopener")}
              data-testid="detail-print-receipt"
            >
              打印回执
            </Button>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label="刷新" />
          </Space>
        }
      >
        <Space size={16} wrap>
          <AppealStatusTag status={a.status} />
          <span>{APPEAL_TYPE_LABELS[a.type]}</span>
          <span>{channelText(a.channel)}</span>
          {deadline ? (
            <Space size={6}>
              <Typography.Text type="secondary">{deadline.label}：</Typography.Text>
              <span>{deadlineText(deadline.at)}</span>
              <DueLight at={deadline.at} provisional={deadline.provisional} compact />
            </Space>
          ) : null}
        </Space>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title="诉求内容" size="small">
            <PlainText testId="appeal-content">{a.content}</PlainText>
          </Card>
          {(a.rejection || a.answer) && (
            <Card title={a.rejection ? "不予受理" : "答复"} size="small" style={{ marginTop: 16 }}>
              {a.rejection ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="理由">
                    {REJECT_REASON_LABELS[a.rejection.reason]}
                  </Descriptions.Item>
                  <Descriptions.Item label="告知说明">{a.rejection.explanation}</Descriptions.Item>
                  {a.rejection.referredTo && (
                    <Descriptions.Item label="协助受理单位">{a.rejection.referredTo}</Descriptions.Item>
                  )}
                </Descriptions>
              ) : (
                <PlainText testId="appeal-answer">{a.answer}</PlainText>
              )}
            </Card>
          )}
          <AppealWorkOrders appealId={a.id} />
          {hasRole("window", "dispatcher", "supervisor", "leader") && (
            <AppealResults appealId={a.id} finished={["closed", "resolved", "rejected"].includes(a.status)} />
          )}
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
            {events.isPending ? (
              <Skeleton active />
            ) : events.isError ? (
              <Alert type="error" showIcon title={`办理记录加载失败：${errorMessage(events.error)}`} />
            ) : (
              <AppealTimeline events={events.data} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <RequesterCard key={a.id} appeal={a} canReveal={canReveal} />
          {hasRole("window", "dispatcher") && (
            <RepeatCard appeal={a} canMerge={hasRole("dispatcher")} onMerged={refresh} />
          )}
          <Card title="受理信息" size="small" style={{ marginTop: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="受理编号">{a.trackingNo}</Descriptions.Item>
              <Descriptions.Item label="收到时间">{formatDateTimeZh(a.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="登记时间">{formatDateTimeZh(a.recordedAt)}</Descriptions.Item>
              <Descriptions.Item label="受理人">
                {a.receivedBy ? [a.receivedBy.name, a.receivedBy.post].filter(Boolean).join(" · ") : "—"}
              </Descriptions.Item>
              {a.source && <Descriptions.Item label="来源系统">{a.source}</Descriptions.Item>}
              {a.respondBy && (
                <Descriptions.Item label="首次回应时限">
                  {deadlineText(a.respondBy)}
                  {a.respondedAt ? `（已于 ${formatDateTimeZh(a.respondedAt)} 回应）` : ""}
                </Descriptions.Item>
              )}
              {a.dueAt && <Descriptions.Item label="办理时限">{deadlineText(a.dueAt)}</Descriptions.Item>}
              {a.resolvedAt && (
                <Descriptions.Item label="办结时间">{formatDateTimeZh(a.resolvedAt)}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <AppealActionModal
        appeal={a}
        kind={acting}
        onClose={() => setActing(null)}
        onDone={() => void events.refetch()}
        onRefresh={refresh}
      />
      <DispatchDrawer
        appeal={dispatching ? a : null}
        onClose={() => setDispatching(false)}
        onDone={() => void events.refetch()}
      />
      <TransferModal appeal={a} open={transferring} onClose={() => setTransferring(false)} />
      <TextActionModal action={prompt} onClose={() => setPrompt(null)} />
    </>
  );
}

/** One reviewer button; the text-prompt actions build their prompt from the appeal's version. */
function HandlingButton({
  kind,
  appeal,
  onDispatch,
  onTransfer,
  onPrompt,
}: {
  kind: HandlingKind;
  appeal: Appeal;
  onDispatch: () => void;
  onTransfer: () => void;
  onPrompt: (p: TextAction) => void;
}) {
  const promptFor = useHandlingPrompt(appeal);
  const click = () => {
    if (kind === "dispatch") onDispatch();
    else if (kind === "transfer") onTransfer();
    else onPrompt(promptFor(kind));
  };
  return (
    <Button
      type={kind === "dispatch" || kind === "close" ? "primary" : "default"}
      danger={kind === "rework" || kind === "refer"}
      onClick={click}
      data-testid={`handling-${kind}`}
    >
      {HANDLING_TEXT[kind]}
    </Button>
  );
}

/** Plain text: whatever was typed (HTML included) is shown, never interpreted. */
function PlainText({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Typography.Paragraph className="appeal-content" style={{ marginBottom: 0 }} data-testid={testId}>
      {children}
    </Typography.Paragraph>
  );
}
