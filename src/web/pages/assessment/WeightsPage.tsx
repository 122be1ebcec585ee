import { Alert, App, Button, Card, Form, InputNumber, Result, Space, Spin, Typography } from "antd";
import { useEffect } from "react";
import { ASSESSMENT_INDICATOR_LABELS, ASSESSMENT_INDICATORS } from "../../../contracts/assessment.js";
import {
  type AssessmentWeights,
  useAssessmentWeights,
  useSaveAssessmentWeights,
} from "../../api/assessment.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { PageHeader } from "../../components/PageHeader.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { ruleText } from "./month.js";

const points = { min: 0, max: 100, precision: 2, style: { width: 140 } } as const;

/** 考核权重 (admin): the indicators' weights (summing to 100) and the deductions per 督办 and 通报. */
export function WeightsPage() {
  const q = useAssessmentWeights();
  const save = useSaveAssessmentWeights();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentWeights>();
  const watched = Form.useWatch([], form) as AssessmentWeights | undefined;
  const sum = ASSESSMENT_INDICATORS.reduce((s, k) => s + Math.round((watched?.[k] ?? 0) * 100), 0) / 100;

  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.weights);
  }, [q.data, form]);

  const submit = async (v: AssessmentWeights) => {
    if (!q.data) return;
    try {
      await save.mutateAsync({ weights: v, expectedVersion: q.data.version });
      message.success("考核权重已保存，考核排名按新权重计算（已通报的结果不变）");
    } catch (e) {
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
        message.error("考核权重已被他人修改，已载入最新版本");
        const r = await q.refetch();
        if (r.data) form.setFieldsValue(r.data.weights);
        return;
      }
      const rest = applyApiErrors(form, e, (p) =>
        p === "weights" ? ["responseRate"] : p.replace(/^weights\./, "").split("."),
      );
      if (rest) message.error(rest);
    }
  };

  if (q.isError) return <Result status="error" title="考核权重加载失败" subTitle={errorMessage(q.error)} />;

  return (
    <>
      <PageHeader title="考核权重">
        <Typography.Text type="secondary">
          部门月度考核的计分权重。
          {q.data &&
            (q.data.version === 0
              ? "当前为默认权重。"
              : `当前第 ${q.data.version} 版，${formatDateTimeZh(q.data.updatedAt)} 修改。`)}
        </Typography.Text>
      </PageHeader>
      <Spin spinning={q.isPending}>
        <Card>
          <Form form={form} layout="vertical" onFinish={submit} data-testid="weights-form">
            <Typography.Title level={5}>指标权重（合计 100 分）</Typography.Title>
            <Space wrap align="start" size="large">
              {ASSESSMENT_INDICATORS.map((k) => (
                <Form.Item
                  key={k}
                  name={k}
                  label={ASSESSMENT_INDICATOR_LABELS[k]}
                  rules={[{ required: true, message: "请填写 0–100" }]}
                >
                  <InputNumber {...points} suffix="分" data-testid={`weights-${k}`} />
                </Form.Item>
              ))}
            </Space>
            {watched && sum !== 100 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`四项权重之和应为 100，当前为 ${sum}`}
                data-testid="weights-sum"
              />
            )}
            <Typography.Title level={5}>扣分</Typography.Title>
            <Space wrap align="start" size="large">
              <Form.Item
                name="supervisionDeduction"
                label="每件督办单扣分"
                rules={[{ required: true, message: "请填写 0–100" }]}
              >
                <InputNumber {...points} suffix="分" />
              </Form.Item>
              <Form.Item
                name="noticeDeduction"
                label="每件通报扣分"
                rules={[{ required: true, message: "请填写 0–100" }]}
              >
                <InputNumber {...points} suffix="分" />
              </Form.Item>
            </Space>
            {watched && sum === 100 && (
              <Typography.Paragraph type="secondary">{ruleText(watched)}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary">
              常见做法：响应率 10、解决率 45、满意率 45（默认），或
              30/35/35、10/50/40。某项指标当月无数据时，其权重按比例分配给其余指标；口径见 docs/metrics.md。
            </Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="weights-save">
              保存权重
            </Button>
          </Form>
        </Card>
      </Spin>
    </>
  );
}
