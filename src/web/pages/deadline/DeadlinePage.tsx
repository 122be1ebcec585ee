import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import {
  DEADLINE_N_LIMITS,
  DEADLINE_RULE_HELP,
  DEADLINE_RULE_LABELS,
  DEADLINE_RULES,
  type DeadlineRule,
} from "../../../contracts/enums.js";
import { type DeadlineQuery, useDeadline } from "../../api/calendar.js";
import { DeadlineResult } from "../../components/DeadlineResult.js";
import { PageHeader } from "../../components/PageHeader.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { type Dayjs, dayjs } from "../../lib/time.js";
import { PolicyPresets } from "./PolicyPresets.js";

interface Values {
  start: Dayjs;
  rule: DeadlineRule;
  n?: number;
}

const DEFAULTS = (): Values => ({ start: dayjs(), rule: "working_days", n: 3 });

export function toQuery(v: Values): DeadlineQuery {
  return { start: v.start.format(), rule: v.rule, n: v.rule === "same_day" ? undefined : v.n };
}

/** 期限计算: "if an appeal arrives now, when is it due?" for any rule, with the reason. */
export function DeadlinePage() {
  const [form] = Form.useForm<Values>();
  const rule: DeadlineRule = Form.useWatch("rule", form) ?? "working_days";
  // Answer "if it arrives now…" straight away with the defaults; the form refines it.
  const [query, setQuery] = useState<DeadlineQuery | null>(() => toQuery(DEFAULTS()));
  const result = useDeadline(query);

  const [errorText, setErrorText] = useState<string | null>(null);
  // Field errors (e.g. "n") go next to their field; anything else shows above the result.
  useEffect(() => {
    setErrorText(result.error ? applyApiErrors(form, result.error) : null);
  }, [result.error, form]);

  const submit = (v: Values) => setQuery(toQuery(v));

  return (
    <>
      <PageHeader title="期限计算">
        <Typography.Text type="secondary">
          按民法典期间计算规则：受理当日不计入，到期日为当日 24:00，遇法定节假日和休息日顺延。
        </Typography.Text>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="计算条件">
            <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={DEFAULTS()}>
              <Form.Item
                name="start"
                label="受理时间"
                rules={[{ required: true, message: "请选择受理时间" }]}
              >
                <DatePicker
                  showTime={{ format: "HH:mm" }}
                  format="YYYY年M月D日 HH:mm"
                  allowClear={false}
                  style={{ width: "100%" }}
                  autoFocus
                  data-testid="deadline-start"
                />
              </Form.Item>
              <Form.Item name="rule" label="计算方式" extra={DEADLINE_RULE_HELP[rule]}>
                <Select
                  options={DEADLINE_RULES.map((r) => ({ value: r, label: DEADLINE_RULE_LABELS[r] }))}
                  data-testid="deadline-rule"
                />
              </Form.Item>
              {rule !== "same_day" && (
                <Form.Item
                  name="n"
                  label="期限数量"
                  rules={[
                    { required: true, message: "请输入期限数量" },
                    {
                      type: "integer",
                      ...DEADLINE_N_LIMITS[rule],
                      message: `请输入 ${DEADLINE_N_LIMITS[rule].min}–${DEADLINE_N_LIMITS[rule].max} 之间的整数`,
                    },
                  ]}
                >
                  <InputNumber
                    min={1}
                    precision={0}
                    style={{ width: "100%" }}
                    suffix={DEADLINE_RULE_LABELS[rule]}
                    data-testid="deadline-n"
                  />
                </Form.Item>
              )}
              <Space wrap>
                <Button type="primary" htmlType="submit" data-testid="deadline-submit">
                  计算
                </Button>
                <Button onClick={() => form.setFieldValue("start", dayjs())}>受理时间设为现在</Button>
              </Space>
            </Form>
            <PolicyPresets
              onPick={(r, n) => {
                form.setFieldsValue({ rule: r, n: r === "same_day" ? undefined : n });
                form.submit();
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="计算结果">
            <Spin spinning={result.isFetching}>
              {errorText && <Alert type="error" showIcon title={errorText} />}
              {result.data && !result.isError && <DeadlineResult d={result.data} />}
              {!query && (
                <Typography.Text type="secondary">
                  选择受理时间和计算方式后，点击“计算”或按回车。
                </Typography.Text>
              )}
            </Spin>
          </Card>
        </Col>
      </Row>
    </>
  );
}
