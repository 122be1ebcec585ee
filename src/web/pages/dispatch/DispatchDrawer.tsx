import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { COMPLEXITIES, COMPLEXITY_LABELS } from "../../../contracts/appeals.js";
import {
  DIFFICULTY_KIND_LABELS,
  DIFFICULTY_KIND_SHORT_LABELS,
  DIFFICULTY_KINDS,
  type DispatchInput,
  dispatchSchema,
} from "../../../contracts/work-orders.js";
import { useAssistSuggest, useMergeAppeal } from "../../api/assist.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { useDepartments } from "../../api/departments.js";
import type { Department } from "../../api/types.js";
import { useProfile } from "../../api/users.js";
import { useDispatch, useDispatchPreview, type WorkOrder } from "../../api/workOrders.js";
import { AssistPanel } from "../../components/AssistPanel.js";
import { PrintWorkOrderButton } from "../../components/PrintWorkOrderButton.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { deadlineText } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";
import { DispatchAppealSummary } from "./DispatchAppealSummary.js";

type Values = Partial<
  Pick<
    DispatchInput,
    | "complexity"
    | "difficultyKind"
    | "leadDepartmentId"
    | "coDepartmentIds"
    | "note"
    | "contactName"
    | "contactPhone"
  >
>;

const RULES = {
  complexity: fieldRules(dispatchSchema.shape.complexity),
  leadDepartmentId: fieldRules(dispatchSchema.shape.leadDepartmentId),
  contactName: fieldRules(dispatchSchema.shape.contactName, {
    label: "工作单联系人",
    required: "请填写工作单联系人",
  }),
  contactPhone: fieldRules(dispatchSchema.shape.contactPhone, { label: "联系电话" }),
};

export interface DispatchTarget {
  id: string;
  trackingNo: string;
  version: number;
  content: string;
}

/** One department's directory entry: where it sits, its phone, what it handles. */
function DepartmentInfo({ d }: { d: Department }) {
  return (
    <Descriptions column={1} size="small" bordered data-testid="lead-department-info">
      <Descriptions.Item label="窗口位置">{d.location ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{d.phone ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="办理事项">
        {d.services.length ? d.services.join("、") : "—"}
      </Descriptions.Item>
    </Descriptions>
  );
}

function departmentOption(d: Department) {
  const extra = [d.location, d.phone].filter(Boolean).join(" · ");
  return {
    value: d.id,
    label: d.name,
    title: [d.name, extra, d.services.join("、")].filter(Boolean).join("｜"),
    search: `${d.name} ${d.code} ${d.services.join(" ")}`,
  };
}

/**
 * 分办: the reviewer classifies the matter and picks the lead and co-departments. The time
 * limit the center's policy and calendar give is shown before confirming (UX.md), and the
 * created 工作单 can be printed at once.
 */
export function DispatchDrawer({
  appeal,
  onClose,
  onDone,
}: {
  appeal: DispatchTarget | null;
  onClose: () => void;
  onDone?: (wo: WorkOrder) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const departments = useDepartments();
  const profile = useProfile(appeal !== null);
  const dispatch = useDispatch();
  const [created, setCreated] = useState<WorkOrder | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const complexity = Form.useWatch("complexity", form);
  const lead = Form.useWatch("leadDepartmentId", form);
  const preview = useDispatchPreview(appeal?.id, complexity);
  const assist = useAssistSuggest({ content: appeal?.content ?? "", appealId: appeal?.id });
  const merge = useMergeAppeal();

  // Keyed on the id: the appeal object is refetched after dispatching, the result must stay.
  const appealId = appeal?.id;
  useEffect(() => {
    if (appealId) {
      form.resetFields();
      setCreated(null);
      setConflict(null);
    }
  }, [appealId, form]);

  // 工作单联系人 and 联系电话: the signed-in dispatcher and their office phone, else the center's phone.
  const me = profile.data;
  useEffect(() => {
    if (!appealId || !me) return;
    if (!form.isFieldTouched("contactName")) form.setFieldValue("contactName", me.displayName);
    if (!form.isFieldTouched("contactPhone"))
      form.setFieldValue("contactPhone", me.phone ?? me.centerPhone ?? "");
  }, [appealId, me, form]);

  const depts = (departments.data ?? []).filter((d) => d.active);
  const leadDept = depts.find((d) => d.id === lead);

  const submit = async () => {
    if (!appeal) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const wo = await dispatch.mutateAsync({
        appealId: appeal.id,
        body: {
          complexity: v.complexity!,
          difficultyKind: v.difficultyKind,
          leadDepartmentId: v.leadDepartmentId!,
          coDepartmentIds: (v.coDepartmentIds ?? []).filter((id) => id !== v.leadDepartmentId),
          note: v.note?.trim() || undefined,
          contactName: v.contactName?.trim() || undefined,
          contactPhone: v.contactPhone?.trim() || undefined,
          expectedVersion: appeal.version,
        },
      });
      message.success(`已分办，工作单 ${wo.number}`);
      setCreated(wo);
      onDone?.(wo);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(e.message);
        return;
      }
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <Drawer
      open={appeal !== null}
      title={appeal ? `分办 · ${appeal.trackingNo}` : ""}
      size={640}
      onClose={onClose}
      destroyOnHidden
      extra={
        created ? null : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              onClick={submit}
              loading={dispatch.isPending}
              disabled={!preview.data || !!conflict}
              data-testid="dispatch-confirm"
            >
              确认分办
            </Button>
          </Space>
        )
      }
    >
      {created ? (
        <Result
          status="success"
          title={`工作单 ${created.number} 已生成`}
          subTitle={`牵头部门：${created.leadDepartment.name}；办理时限：${deadlineText(created.dueAt)}。已通知相关部门和诉求人。`}
          data-testid="dispatch-done"
          extra={[
            <PrintWorkOrderButton key="print" id={created.id} type="primary" data-testid="dispatch-print" />,
            <Button key="close" onClick={onClose}>
              完成
            </Button>,
          ]}
        />
      ) : (
        <>
          {appeal && <DispatchAppealSummary id={appeal.id} content={appeal.content} />}
          {appeal && (
            <div style={{ marginBottom: 16 }}>
              <AssistPanel
                data={assist.data}
                loading={assist.isFetching}
                error={assist.error}
                merging={merge.isPending}
                onAdoptDepartment={(id) => form.setFieldValue("leadDepartmentId", id)}
                onMerge={(intoAppealId) =>
                  merge.mutate(
                    { id: appeal.id, intoAppealId, expectedVersion: appeal.version },
                    {
                      onSuccess: () => {
                        message.success("已并单，并已短信告知诉求人");
                        onClose();
                      },
                      onError: (e) => message.error(errorMessage(e)),
                    },
                  )
                }
              />
            </div>
          )}
          {conflict && (
            <Alert
              type="warning"
              showIcon
              title="已被他人处理，请刷新"
              description={conflict}
              style={{ marginBottom: 16 }}
              data-testid="dispatch-conflict"
            />
          )}
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name="complexity" label="事项复杂程度" rules={RULES.complexity}>
              <Radio.Group data-testid="dispatch-complexity">
                {COMPLEXITIES.map((c) => (
                  <Radio.Button key={c} value={c} data-testid={`complexity-${c}`}>
                    {COMPLEXITY_LABELS[c]}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="difficultyKind" label="疑难类型（可选）">
              <Radio.Group>
                {DIFFICULTY_KINDS.map((k) => (
                  <Radio key={k} value={k} title={DIFFICULTY_KIND_LABELS[k]}>
                    {DIFFICULTY_KIND_SHORT_LABELS[k]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="leadDepartmentId" label="牵头部门" rules={RULES.leadDepartmentId}>
              <Select
                showSearch={{ optionFilterProp: "search" }}
                placeholder="输入部门名称或办理事项搜索"
                loading={departments.isPending}
                options={depts.map(departmentOption)}
                optionRender={(o) => {
                  const d = depts.find((x) => x.id === o.value);
                  return (
                    <div>
                      <div>{o.label}</div>
                      {d && (d.location || d.phone) ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {[d.location, d.phone].filter(Boolean).join(" · ")}
                        </Typography.Text>
                      ) : null}
                    </div>
                  );
                }}
                onChange={(id) =>
                  form.setFieldValue(
                    "coDepartmentIds",
                    (form.getFieldValue("coDepartmentIds") as string[] | undefined)?.filter((x) => x !== id),
                  )
                }
                data-testid="dispatch-lead"
                notFoundContent={departments.isError ? errorMessage(departments.error) : "没有可选的部门"}
              />
            </Form.Item>
            {leadDept && (
              <div style={{ marginTop: -12, marginBottom: 16 }}>
                <DepartmentInfo d={leadDept} />
              </div>
            )}
            <Form.Item name="coDepartmentIds" label="协办部门（可多选）">
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: "search" }}
                placeholder="需要多个部门共同办理时选择"
                options={depts.filter((d) => d.id !== lead).map(departmentOption)}
                data-testid="dispatch-co"
              />
            </Form.Item>
            <div style={{ display: "flex", gap: 12 }}>
              <Form.Item
                name="contactName"
                label="工作单联系人"
                rules={RULES.contactName}
                style={{ flex: 1 }}
              >
                <Input maxLength={50} data-testid="dispatch-contact-name" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label="联系电话"
                rules={RULES.contactPhone}
                style={{ flex: 1 }}
                extra={me && !me.phone && !me.centerPhone ? "可在“个人资料”中设置办公电话" : undefined}
              >
                <Input placeholder="如 010-12345678" data-testid="dispatch-contact-phone" />
              </Form.Item>
            </div>
            <Form.Item name="note" label="备注">
              <Input.TextArea
                rows={2}
                maxLength={500}
                showCount
                placeholder="写给办理部门的说明（印在工作单上）"
              />
            </Form.Item>
          </Form>
          <div data-testid="dispatch-preview">
            {!complexity ? (
              <Alert type="info" showIcon title="选择事项复杂程度后显示办理时限" />
            ) : preview.isPending ? (
              <Spin />
            ) : preview.isError ? (
              <Alert type="error" showIcon title={`办理时限计算失败：${errorMessage(preview.error)}`} />
            ) : (
              <Alert
                type={preview.data.provisional ? "warning" : "success"}
                showIcon
                title={
                  <span data-testid="dispatch-due">
                    办理时限：{deadlineText(preview.data.dueAt)}
                    {preview.data.provisional ? "（临时期限：工作日历未载入）" : ""}
                  </span>
                }
                description={preview.data.explanation}
              />
            )}
          </div>
        </>
      )}
    </Drawer>
  );
}
