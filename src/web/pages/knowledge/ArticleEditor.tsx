import { App, Button, DatePicker, Drawer, Form, Input, Select, Space } from "antd";
import { useEffect } from "react";
import { createArticleSchema } from "../../../contracts/knowledge.js";
import { useDepartments } from "../../api/departments.js";
import { type Article, useSaveArticle } from "../../api/knowledge.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { type Dayjs, dayjs } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";

const field = createArticleSchema.shape;
const RULES = {
  title: fieldRules(field.title, { label: "标题" }),
  question: fieldRules(field.question, { label: "群众常见问法" }),
  answer: fieldRules(field.answer, { label: "答复口径" }),
  source: fieldRules(field.source, { label: "依据来源" }),
};

interface Values {
  title: string;
  question: string;
  answer: string;
  departmentIds?: string[];
  tags?: string[];
  source?: string;
  validity?: [Dayjs | null, Dayjs | null] | null;
  reviewBy?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

/** New article (a draft) or an edit of one (saved as its next version). */
export function ArticleEditor({
  article,
  open,
  onClose,
}: {
  article: Article | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useSaveArticle();
  const departments = useDepartments();
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (article) {
      form.setFieldsValue({
        ...article,
        source: article.source ?? undefined,
        validity: [
          article.validFrom ? dayjs(article.validFrom) : null,
          article.validTo ? dayjs(article.validTo) : null,
        ],
        reviewBy: article.reviewBy ? dayjs(article.reviewBy) : null,
      });
    }
  }, [open, article, form]);

  const submit = async (v: Values) => {
    const body = {
      title: v.title,
      question: v.question,
      answer: v.answer,
      departmentIds: v.departmentIds ?? [],
      tags: (v.tags ?? []).map((t) => t.trim()).filter(Boolean),
      source: v.source?.trim() || null,
      validFrom: day(v.validity?.[0]),
      validTo: day(v.validity?.[1]),
      reviewBy: day(v.reviewBy),
    };
    try {
      await save.mutateAsync(article ? { id: article.id, expectedVersion: article.version, ...body } : body);
      message.success(article ? "已保存为新版本" : "已新建草稿，发布后窗口即可检索");
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e, (p) =>
        p === "validFrom" || p === "validTo" ? ["validity"] : p.split(".").slice(0, 1),
      );
      if (rest) message.error(rest);
    }
  };

  return (
    <Drawer
      title={article ? `编辑：${article.title}` : "新建知识条目"}
      open={open}
      onClose={onClose}
      size={640}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="article-save"
          >
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label="标题" rules={RULES.title}>
          <Input data-testid="article-title" />
        </Form.Item>
        <Form.Item
          name="question"
          label="群众常见问法"
          rules={RULES.question}
          extra="按群众的说法写，便于检索"
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="article-question" />
        </Form.Item>
        <Form.Item name="answer" label="答复口径" rules={RULES.answer}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} data-testid="article-answer" />
        </Form.Item>
        <Form.Item name="departmentIds" label="相关部门">
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="tags" label="事项/标签" extra="输入后按回车添加">
          <Select mode="tags" open={false} tokenSeparators={[",", "，", "、"]} aria-label="事项/标签" />
        </Form.Item>
        <Form.Item name="source" label="依据来源（政策文件）" rules={RULES.source}>
          <Input />
        </Form.Item>
        <Form.Item name="validity" label="有效期">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item
          name="reviewBy"
          label="复核日期"
          extra="过了复核日期的条目不再出现在检索结果中，需复核后更新日期"
        >
          <DatePicker />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
