import { Button, Checkbox, DatePicker, Form, Input, Select, Space } from "antd";
import { useEffect } from "react";
import {
  APPEAL_STATUS_LABELS,
  APPEAL_STATUSES,
  APPEAL_TYPE_LABELS,
  APPEAL_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
} from "../../../contracts/appeals.js";
import type { AppealFilters as Filters } from "../../api/appeals.js";
import { type Dayjs, dayjs } from "../../lib/time.js";

interface FormValues {
  q?: string;
  status?: Filters["status"];
  channel?: Filters["channel"];
  type?: Filters["type"];
  range?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
}

const options = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));

/** The code-list filters: one select each, in this order. */
const SELECTS: {
  name: "status" | "channel" | "type";
  placeholder: string;
  options: { value: string; label: string }[];
  width: number;
  /** Long labels: the list is wider than the box. */
  wideList?: boolean;
  testId?: string;
}[] = [
  {
    name: "status",
    placeholder: "状态",
    options: options(APPEAL_STATUSES, APPEAL_STATUS_LABELS),
    width: 120,
    testId: "filter-status",
  },
  {
    name: "channel",
    placeholder: "渠道",
    options: options(CHANNELS, CHANNEL_LABELS),
    width: 160,
    wideList: true,
  },
  { name: "type", placeholder: "类别", options: options(APPEAL_TYPES, APPEAL_TYPE_LABELS), width: 140 },
];

function toForm(f: Filters): FormValues {
  return {
    q: f.q,
    status: f.status,
    channel: f.channel,
    type: f.type,
    range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
    overdue: f.overdue === "true",
  };
}

function fromForm(v: FormValues): Filters {
  const [from, to] = v.range ?? [null, null];
  return {
    q: v.q?.trim() || undefined,
    status: v.status,
    channel: v.channel,
    type: v.type,
    from: from ? from.format("YYYY-MM-DD") : undefined,
    to: to ? to.format("YYYY-MM-DD") : undefined,
    overdue: v.overdue ? "true" : undefined,
  };
}

/** The filter bar of 诉求查询; every change is applied at once (the page keeps it in the URL). */
export function AppealFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    form.setFieldsValue({ status: undefined, channel: undefined, type: undefined, ...toForm(value) });
  }, [value, form]);
  const apply = () => onChange(fromForm(form.getFieldsValue()));

  return (
    <Form form={form} layout="inline" onValuesChange={(changed) => !("q" in changed) && apply()}>
      <Space wrap size={[8, 8]}>
        <Form.Item name="q" noStyle>
          <Input.Search
            placeholder="搜索内容、诉求人、受理编号"
            allowClear
            onSearch={apply}
            style={{ width: 260 }}
            data-testid="filter-q"
          />
        </Form.Item>
        {SELECTS.map((f) => (
          <Form.Item key={f.name} name={f.name} noStyle>
            <Select
              placeholder={f.placeholder}
              allowClear
              options={f.options}
              style={{ width: f.width }}
              popupMatchSelectWidth={!f.wideList}
              data-testid={f.testId}
            />
          </Form.Item>
        ))}
        <Form.Item name="range" noStyle>
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={["收到日期起", "收到日期止"]} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked" noStyle>
          <Checkbox data-testid="filter-overdue">仅看超期</Checkbox>
        </Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          清空条件
        </Button>
      </Space>
    </Form>
  );
}
