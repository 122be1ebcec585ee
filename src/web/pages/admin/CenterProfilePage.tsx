import { Alert, App, Button, Card, Form, Input, Skeleton } from "antd";
import { useEffect } from "react";
import { type UpdateCenterBody, updateCenterSchema } from "../../../contracts/accounts.js";
import { useCenters, useSaveCenter } from "../../api/centers.js";
import { errorMessage } from "../../api/client.js";
import { useSession } from "../../auth/session.js";
import { PageHeader } from "../../components/PageHeader.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";
import { SecuritySettingsCard } from "./SecuritySettingsCard.js";

const field = updateCenterSchema.shape;
const RULES = {
  name: fieldRules(field.name, { label: "中心名称", required: "请输入中心名称" }),
  address: fieldRules(field.address, { label: "地址", required: false }),
  phone: fieldRules(field.phone, { label: "咨询电话", required: false }),
  hours: fieldRules(field.hours, { label: "服务时间", required: false }),
};

type Values = { name?: string; address?: string; phone?: string; hours?: string };

const blank = (s: string | undefined) => s?.trim() || null;

/**
 * 中心信息: what the public notice (公示受理方式), the receipts and the 工作单 say about the center —
 * its name, address, consultation phone and service hours. The phone is also the 工作单联系电话 of
 * dispatchers who have not set their own.
 */
export function CenterProfilePage() {
  const { user } = useSession();
  const centers = useCenters();
  const save = useSaveCenter();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const center = centers.data?.find((c) => c.id === user?.centerId);

  useEffect(() => {
    if (center) {
      form.setFieldsValue({
        name: center.name,
        address: center.address ?? "",
        phone: center.phone ?? "",
        hours: center.hours ?? "",
      });
    }
  }, [center, form]);

  const submit = async (v: Values) => {
    if (!center) return;
    const body: UpdateCenterBody = {
      name: v.name?.trim(),
      address: blank(v.address),
      phone: blank(v.phone),
      hours: blank(v.hours),
    };
    try {
      await save.mutateAsync({ id: center.id, ...body });
      message.success("中心信息已保存，公示、回执和工作单即时生效");
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <>
      <PageHeader title="中心信息">
        公示受理方式、受理回执和工作单上的中心名称、地址、咨询电话和服务时间。
      </PageHeader>
      <Card style={{ maxWidth: 720 }}>
        {centers.isPending ? (
          <Skeleton active />
        ) : centers.isError || !center ? (
          <Alert type="error" showIcon title={errorMessage(centers.error) || "未找到本中心"} />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} data-testid="center-profile-form">
            <Form.Item name="name" label="中心名称" rules={RULES.name}>
              <Input maxLength={100} data-testid="center-name" />
            </Form.Item>
            <Form.Item name="address" label="地址" rules={RULES.address} extra="公示的现场反映地点和信函地址">
              <Input maxLength={200} placeholder="如 海星区人民路 88 号一楼" data-testid="center-address" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="咨询电话"
              rules={RULES.phone}
              extra="公示的电话反映号码；分办人员未设办公电话时也作为工作单联系电话"
            >
              <Input placeholder="如 0571-88886666" data-testid="center-phone" />
            </Form.Item>
            <Form.Item name="hours" label="服务时间" rules={RULES.hours}>
              <Input
                maxLength={100}
                placeholder="如 工作日 9:00—12:00，13:30—17:00"
                data-testid="center-hours"
              />
            </Form.Item>
            {!center.phone && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title="尚未设置咨询电话：公示中不会列出电话反映渠道，工作单联系电话默认为空"
              />
            )}
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="center-save">
              保存
            </Button>
          </Form>
        )}
      </Card>
      <SecuritySettingsCard />
    </>
  );
}
