import { Form, Input, type RefSelectProps, Select } from "antd";
import type { Ref } from "react";
import { REJECT_REASON_LABELS, REJECT_REASONS, rejectAppealSchema } from "../../contracts/appeals.js";
import { fieldRules } from "../lib/validation.js";

const field = rejectAppealSchema.shape;
const RULES = {
  reason: fieldRules(field.reason),
  explanation: fieldRules(field.explanation, { label: "说明" }),
  referredTo: fieldRules(field.referredTo, { label: "协助受理单位" }),
};

/** Refusal options: the seven reasons of the standard (不予受理事项), in its wording and order. */
export const REJECT_REASON_OPTIONS = REJECT_REASONS.map((r, i) => ({
  value: r,
  label: `${i + 1}. ${REJECT_REASON_LABELS[r]}`,
}));

/**
 * The fields of a refusal (不予受理): reason, the explanation given to the requester, and the unit
 * contacted to help when the matter belongs elsewhere. Used on the intake form and the appeal page.
 */
export function RejectFields({ reasonRef }: { reasonRef?: Ref<RefSelectProps> }) {
  return (
    <>
      <Form.Item name="reason" label="不予受理理由" rules={RULES.reason}>
        <Select
          ref={reasonRef}
          options={REJECT_REASON_OPTIONS}
          placeholder="选择理由（可输入文字筛选）"
          showSearch={{ optionFilterProp: "label" }}
          data-testid="reject-reason"
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item
        name="explanation"
        label="告知说明"
        extra="将通过短信告知诉求人，请写明理由和可以去哪里办理。"
        rules={RULES.explanation}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="reject-explanation" />
      </Form.Item>
      <Form.Item
        name="referredTo"
        label="协助受理单位"
        extra="不属于本中心管辖的，填写已联系协助受理的单位（可不填）。"
        rules={RULES.referredTo}
      >
        <Input data-testid="reject-referred-to" placeholder="如：区人民法院立案庭" />
      </Form.Item>
    </>
  );
}
