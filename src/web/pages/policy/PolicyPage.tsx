import { ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { timeLimitPolicySchema } from "../../../contracts/calendar.js";
import { escalationRecipientsSchema } from "../../../contracts/supervision.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { usePolicy, useSavePolicy } from "../../api/policy.js";
import type { TimeLimitPolicy } from "../../api/types.js";
import { PageHeader } from "../../components/PageHeader.js";
import { POLICY_ITEMS } from "../../components/policyItems.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { dayjs, formatDateTimeZh } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";
import { PolicyPreview } from "./PolicyPreview.js";
import { RuleInput } from "./RuleInput.js";

const reminder = timeLimitPolicySchema.shape.reminder.shape;
const RULES = {
  workingDaysBefore: fieldRules(reminder.workingDaysBefore, { required: "请输入 0–30" }),
  fractionRemaining: fieldRules(reminder.fractionRemaining, { required: "请输入 0–100" }),
  government: fieldRules(escalationRecipientsSchema.shape.government),
  disciplineCommission: fieldRules(escalationRecipientsSchema.shape.disciplineCommission),
};

/** Who a 通报 is reported to and copied to (written into the notice). */
const ESCALATION_FIELDS = [
  {
    name: "government",
    label: "通报报送：同级人民政府",
    extra: "督办逾期的通报以报告形式报送的单位，将写入通报文书",
    placeholder: "如：某某区人民政府",
    testId: "policy-escalation-government",
  },
  {
    name: "disciplineCommission",
    label: "通报抄送：同级纪委监委",
    extra: "通报同时抄送的纪检监察机关",
    placeholder: "如：某某区纪委监委",
    testId: "policy-escalation-discipline",
  },
] as const;

/** Percent in the form, fraction (0..1) in the policy. */
const percentProps = {
  getValueProps: (v: number | undefined) => ({
    value: v === undefined || v === null ? v : Math.round(v * 100),
  }),
  normalize: (v: number | null) => (v === null ? v : v / 100),
};

/** 时限策略: the center's time limits (DESIGN.md §3 defaults), reminders, supervision and who a 通报 goes to. */
export function PolicyPage() {
  const policy = usePolicy();
  const save = useSavePolicy();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<TimeLimitPolicy>();
  const [conflict, setConflict] = useState(false);
  const [start, setStart] = useState(() => dayjs().format());
  const watched = Form.useWatch([], form) as TimeLimitPolicy | undefined;

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data.policy);
  }, [policy.data, form]);

  const previewRows = useMemo(
    () => [
      ...POLICY_ITEMS.map((it) => ({ key: it.key, label: it.label, value: watched?.[it.key] })),
      { key: "supervisionDeadline", label: "督办时限", value: watched?.supervisionDeadline },
    ],
    [watched],
  );

  const submit = async (v: TimeLimitPolicy) => {
    if (!policy.data) return;
    try {
      await save.mutateAsync({ expectedVersion: policy.data.version, policy: v });
      setConflict(false);
      message.success("时限策略已保存，新受理的诉求按新策略计算期限");
    } catch (e) {
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
        setConflict(true);
        modal.confirm({
          title: "已被他人修改，请刷新",
          content: "其他管理员刚保存了新版本。刷新将载入最新的策略，您尚未保存的修改会丢失。",
          okText: "刷新",
          cancelText: "暂不刷新",
          onOk: reload,
        });
        return;
      }
      const rest = applyApiErrors(form, e, (p) => p.replace(/^policy\./, "").split("."));
      if (rest) message.error(rest);
    }
  };

  const reload = async () => {
    setConflict(false);
    const r = await policy.refetch();
    if (r.data) form.setFieldsValue(r.data.policy);
  };

  if (policy.isError) {
    return <Result status="error" title="时限策略加载失败" subTitle={errorMessage(policy.error)} />;
  }

  return (
    <>
      <PageHeader title="时限策略">
        <Typography.Text type="secondary">
          修改只影响此后确定的期限，已分办的工作单期限不变。
          {policy.data && ` 当前版本：第 ${policy.data.version} 版。`}
        </Typography.Text>
      </PageHeader>
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="已被他人修改，请刷新"
          description="刷新将载入最新的策略，您尚未保存的修改会丢失。"
          action={
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          }
          data-testid="policy-conflict"
        />
      )}
      <Spin spinning={policy.isPending}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title="办理时限">
              <Form form={form} layout="vertical" onFinish={submit} data-testid="policy-form">
                {POLICY_ITEMS.map((it) => (
                  <RuleInput key={it.key} name={it.key} label={it.label} hint={it.hint} />
                ))}
                <Typography.Title level={5}>督办与通报</Typography.Title>
                <Typography.Paragraph type="secondary" data-testid="policy-supervision-help">
                  临近办理时限时先催办；超过时限仍未办结的，发出督办单；督办时限届满仍未整改反馈的，予以通报。
                </Typography.Paragraph>
                <Space wrap align="start" size="large">
                  <Form.Item
                    name={["reminder", "workingDaysBefore"]}
                    label="到期前几个工作日催办"
                    rules={RULES.workingDaysBefore}
                  >
                    <InputNumber min={0} max={30} precision={0} suffix="个工作日" />
                  </Form.Item>
                  <Form.Item
                    name={["reminder", "fractionRemaining"]}
                    label="或剩余时限不足"
                    rules={RULES.fractionRemaining}
                    {...percentProps}
                  >
                    <InputNumber min={0} max={100} precision={0} suffix="%" />
                  </Form.Item>
                </Space>
                <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                  工作单、方案节点或首次回应剩余不足上述工作日数，或剩余时间不足整个办理时限的上述比例时，
                  系统自动向责任部门（首次回应向窗口人员）发出催办，以先到者为准；填 0 表示不按该条件催办。
                </Typography.Paragraph>
                <RuleInput
                  name="supervisionDeadline"
                  label="督办时限"
                  hint="超过办理时限仍未办结的，系统自动发出督办单；责任部门须在此期限内办结并反馈，逾期即予通报"
                />
                {ESCALATION_FIELDS.map((f) => (
                  <Form.Item
                    key={f.name}
                    name={["escalation", f.name]}
                    label={f.label}
                    extra={f.extra}
                    rules={RULES[f.name]}
                  >
                    <Input maxLength={100} placeholder={f.placeholder} data-testid={f.testId} />
                  </Form.Item>
                ))}
                <Form.Item
                  name={["escalation", "copyTo"]}
                  label="其他抄送单位"
                  extra="可选，最多 10 个；输入单位名称后按回车添加"
                  rules={[
                    {
                      validator: async (_, v: string[] | undefined) => {
                        if ((v?.length ?? 0) > 10) throw new Error("最多 10 个抄送单位");
                        if (v?.some((x) => x.trim().length > 100))
                          throw new Error("每个单位名称不超过 100 字");
                      },
                    },
                  ]}
                  normalize={(v: string[] | undefined) =>
                    v ? [...new Set(v.map((x) => x.trim()).filter(Boolean))] : v
                  }
                >
                  <Select
                    mode="tags"
                    maxCount={10}
                    tokenSeparators={[",", "，", "、"]}
                    notFoundContent={null}
                    suffixIcon={null}
                    placeholder="如：区政府督查室"
                    aria-label="其他抄送单位"
                    data-testid="policy-escalation-copyto"
                  />
                </Form.Item>
                <Typography.Title level={5}>处置结果应用</Typography.Title>
                <Form.Item name={["rectification", "rule"]} hidden initialValue="working_days">
                  <Input />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item
                    name={["rectification", "n"]}
                    label="差评整改时限"
                    rules={[
                      { required: true, type: "number", min: 5, max: 15, message: "应为 5 到 15 个工作日" },
                    ]}
                  >
                    <InputNumber
                      min={5}
                      max={15}
                      precision={0}
                      suffix="个工作日"
                      data-testid="policy-rectification"
                    />
                  </Form.Item>
                  <Form.Item
                    name="basicSatisfiedWeight"
                    label="满意率中“基本满意”的权重"
                    rules={[{ required: true, type: "number", min: 0, max: 1, message: "应为 0 到 1" }]}
                  >
                    <InputNumber min={0} max={1} step={0.1} precision={2} data-testid="policy-basic-weight" />
                  </Form.Item>
                </Space>
                <RuleInput
                  name="badRatingFollowUp"
                  label="差评回访时限"
                  hint="网上差评须在此期限内回访（默认 1 个工作日），列入督办跟踪"
                />
                <RuleInput
                  name="closedFollowUp"
                  label="办结回访时限"
                  hint="办结后服务对象未评价的诉求，在此期限内回访（默认 3 个工作日）"
                />
                <Space wrap align="start">
                  {(
                    [
                      ["responseRate", "响应率目标"],
                      ["resolutionRate", "解决率目标"],
                      ["satisfactionRate", "满意率目标"],
                      ["onTimeRate", "按期办结率目标"],
                    ] as const
                  ).map(([key, label]) => (
                    <Form.Item
                      key={key}
                      name={["rateTargets", key]}
                      label={label}
                      rules={[{ required: true, type: "number", min: 0, max: 1, message: "应为 0 到 1" }]}
                    >
                      <InputNumber
                        min={0}
                        max={1}
                        step={0.01}
                        precision={2}
                        data-testid={`policy-target-${key}`}
                      />
                    </Form.Item>
                  ))}
                </Space>
                <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                  不满意、非常不满意的评价转责任部门整改，整改时限可设 5–15 个工作日；满意率 =（非常满意 +
                  满意 + 权重 × 基本满意）÷ 评价数，口径见 docs/metrics.md。各比率目标（0–1，如 0.95 即
                  95%）在统计分析与月度报告中以虚线和颜色标出。
                </Typography.Paragraph>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
                  保存策略
                </Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title="预览"
              extra={
                <Button size="small" onClick={() => setStart(dayjs().format())}>
                  按当前时间重算
                </Button>
              }
            >
              <Typography.Paragraph type="secondary">
                若在 {formatDateTimeZh(start)} 受理（按编辑中的策略）：
              </Typography.Paragraph>
              <PolicyPreview rows={previewRows} start={start} />
            </Card>
          </Col>
        </Row>
      </Spin>
    </>
  );
}
