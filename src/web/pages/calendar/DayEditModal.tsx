import { App, Form, Input, Modal, Radio, Typography } from "antd";
import { useEffect } from "react";
import { calendarDayUpdateSchema } from "../../../contracts/calendar.js";
import { DAY_KIND_LABELS, DAY_KINDS, type DayKind } from "../../../contracts/enums.js";
import { useSetCalendarDay } from "../../api/calendar.js";
import type { CalendarDay } from "../../api/types.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { formatDateZh } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";
import { fallbackKind } from "./calendarData.js";

const RULES = {
  kind: fieldRules(calendarDayUpdateSchema.shape.kind, { required: "请选择类型" }),
  name: fieldRules(calendarDayUpdateSchema.shape.name, { label: "名称" }),
};

interface Values {
  kind: DayKind;
  name?: string;
}

/** Admin edits one day (e.g. when next year's State Council notice arrives in November). */
export function DayEditModal({
  date,
  day,
  onClose,
}: {
  date: string | null;
  day: CalendarDay | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const setDay = useSetCalendarDay();
  const { message } = App.useApp();
  const kind = Form.useWatch("kind", form);

  useEffect(() => {
    if (!date) return;
    form.resetFields();
    form.setFieldsValue({ kind: day?.kind ?? fallbackKind(date), name: day?.name ?? "" });
  }, [date, day, form]);

  const submit = async (v: Values) => {
    if (!date) return;
    const name = v.name?.trim() || undefined;
    try {
      await setDay.mutateAsync({ date, kind: v.kind, name });
      message.success(`${formatDateZh(date)} 已设为${DAY_KIND_LABELS[v.kind]}${name ? `（${name}）` : ""}`);
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const named = kind === "holiday" || kind === "makeup_workday";
  return (
    <Modal
      title={date ? `设置日期：${formatDateZh(date)}` : "设置日期"}
      open={date !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={setDay.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && form.getFieldInstance("name")?.focus()}
      okButtonProps={{ "data-testid": "day-save" }}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label="类型" rules={RULES.kind}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {DAY_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`day-kind-${k}`}>{DAY_KIND_LABELS[k]}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={RULES.name}
          extra={named ? "填写节日名称，如 国庆节；调休上班日也填所属节日" : "工作日、休息日一般无需名称"}
        >
          <Input autoFocus placeholder={named ? "如 国庆节" : ""} data-testid="day-name" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          保存后立即用于新的期限计算，并记入审计日志。
        </Typography.Paragraph>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
