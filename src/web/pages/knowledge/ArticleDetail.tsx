import { useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Drawer, Space, Tag, Typography } from "antd";
import { KNOWLEDGE_FLAG_LABELS } from "../../../contracts/knowledge.js";
import { api } from "../../api/client.js";
import { useDepartments } from "../../api/departments.js";
import type { Article } from "../../api/knowledge.js";

/** One article as staff read it: the question, the answer to give, its basis and departments. */
export function ArticleDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const article = useQuery({
    queryKey: ["knowledge", "article", id],
    queryFn: () => api<Article>(`/knowledge/articles/${id}`),
    enabled: id !== null,
  });
  const departments = useDepartments({ includeInactive: true });
  const a = article.data;
  const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={a?.title ?? "知识条目"}>
      {a && (
        <>
          {a.example && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="示例条目：请以中心审核后的口径为准"
            />
          )}
          {a.flags.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={a.flags.map((f) => KNOWLEDGE_FLAG_LABELS[f]).join("，")}
            />
          )}
          <Typography.Title level={5}>群众常见问法</Typography.Title>
          <Typography.Paragraph>{a.question}</Typography.Paragraph>
          <Typography.Title level={5}>答复口径</Typography.Title>
          <Typography.Paragraph copyable style={{ whiteSpace: "pre-wrap" }}>
            {a.answer}
          </Typography.Paragraph>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="依据">{a.source || "—"}</Descriptions.Item>
            <Descriptions.Item label="相关部门">
              {a.departmentIds.length ? a.departmentIds.map((d) => names.get(d) ?? d).join("、") : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="事项/标签">
              <Space size={[0, 4]} wrap>
                {a.tags.map((t) => (
                  <Tag key={t}>{t}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="有效期">
              {a.validFrom ?? "—"} 至 {a.validTo ?? "长期"}
            </Descriptions.Item>
            <Descriptions.Item label="复核日期">{a.reviewBy ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="版本">第 {a.version} 版</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
