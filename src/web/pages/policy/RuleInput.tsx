import { Form, InputNumber, Select, Space } from "antd";
import { DEADLINE_RULE_LABELS, DEADLINE_RULES, type DeadlineRule } from "../../../contracts/enums.js";

/** A policy item's rule + N, as two fields under `name` ({rule, n}). */
export function RuleInput({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const form = Form.useFormInstance();
  const rule: DeadlineRule | undefined = Form.useWatch([name, "rule"], form);
  return (
    <Form.Item label={label} extra={hint} required>
      <Space.Compact>
        <Form.Item name={[name, "rule"]} noStyle rules={[{ required: true, message: "请选择计算方式" }]}>
          <Select
            style={{ width: 120 }}
            aria-label={`${label}计算方式`}
            options={DEADLINE_RULES.map((r) => ({ value: r, label: DEADLINE_RULE_LABELS[r] }))}
            data-testid={`policy-${name}-rule`}
          />
        </Form.Item>
        <Form.Item
          name={[name, "n"]}
          noStyle
          rules={[
            { required: true, message: `请输入${label}的期限数量` },
            {
              type: "integer",
              min: rule === "same_day" ? 0 : 1,
              max: rule === "months" ? 24 : 366,
              message: `${label}的期限数量不合理`,
            },
          ]}
        >
          <InputNumber
            min={0}
            precision={0}
            style={{ width: 100 }}
            disabled={rule === "same_day"}
            aria-label={`${label}期限数量`}
            data-testid={`policy-${name}-n`}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
