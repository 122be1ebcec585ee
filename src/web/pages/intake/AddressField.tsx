import { Checkbox, Form, type FormInstance, Input } from "antd";
import type { Rule } from "antd/es/form/index.js";
import {
  ADDRESS_DECLINED_LABEL,
  ADDRESS_REQUIRED_MESSAGE,
  requesterInputSchema,
} from "../../../contracts/appeals.js";
import { fieldRules } from "../../lib/validation.js";

const LENGTH = fieldRules(requesterInputSchema.shape.address, { label: "联系地址" });

/** 记录要素: an address, or the requester's recorded choice not to give one (诉求人不愿提供). */
const RULES: Rule[] = [
  ...LENGTH,
  ({ getFieldValue }) => ({
    validator: (_, value?: string) =>
      getFieldValue("addressDeclined") === true || value?.trim()
        ? Promise.resolve()
        : Promise.reject(new Error(ADDRESS_REQUIRED_MESSAGE)),
  }),
];

/**
 * 联系地址 with the 诉求人不愿提供 checkbox beside it: ticking it clears and disables the address, so
 * the record says why there is none. The errors of both inner items show under the field.
 */
// biome-ignore lint/suspicious/noExplicitAny: the field names are the intake form's; the form type is its own
export function AddressField({ form }: { form: FormInstance<any> }) {
  const declined = Form.useWatch("addressDeclined", form) === true;
  return (
    <Form.Item label="联系地址" required>
      <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
        <Form.Item name="address" noStyle rules={RULES} dependencies={["addressDeclined"]}>
          <Input
            data-testid="intake-address"
            autoComplete="off"
            disabled={declined}
            placeholder={declined ? ADDRESS_DECLINED_LABEL : "街道、门牌号或单位地址"}
          />
        </Form.Item>
        <Form.Item name="addressDeclined" valuePropName="checked" noStyle>
          <Checkbox
            data-testid="intake-address-declined"
            style={{ whiteSpace: "nowrap" }}
            onChange={(e) => {
              if (!e.target.checked) return;
              form.setFieldValue("address", undefined);
              void form.validateFields(["address"]).catch(() => undefined);
            }}
          >
            {ADDRESS_DECLINED_LABEL}
          </Checkbox>
        </Form.Item>
      </div>
    </Form.Item>
  );
}
