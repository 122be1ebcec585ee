import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { KNOWLEDGE_FLAG_LABELS, KNOWLEDGE_STATUS_LABELS } from "../../../contracts/knowledge.js";
import { errorMessage } from "../../api/client.js";
import { type Article, useArticles, useArticleVersions, usePublishArticle } from "../../api/knowledge.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { ArticleEditor } from "./ArticleEditor.js";
import { SynonymsModal } from "./SynonymsModal.js";

const CHANGE_LABELS = { create: "新建", update: "修改", publish: "发布", unpublish: "撤回" } as const;

/** 知识库管理: articles with their state, edits as versions, publication, the synonym list. */
export function KnowledgeAdminPage() {
  const [status, setStatus] = useState<string | undefined>();
  const [flagged, setFlagged] = useState(false);
  const [editing, setEditing] = useState<Article | "new" | null>(null);
  const [history, setHistory] = useState<Article | null>(null);
  const [synonyms, setSynonyms] = useState(false);
  const list = useArticles({ status, flagged });
  const versions = useArticleVersions(history?.id ?? null);
  const publish = usePublishArticle();
  const { message } = App.useApp();

  const toggle = async (a: Article) => {
    try {
      await publish.mutateAsync({ id: a.id, publish: a.status === "draft", expectedVersion: a.version });
      message.success(a.status === "draft" ? `已发布“${a.title}”` : `已撤回“${a.title}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Article> = [
    {
      title: "标题",
      dataIndex: "title",
      render: (t: string, a) => (
        <Space size={4} wrap>
          {t}
          {a.example && <Tag color="orange">示例</Tag>}
        </Space>
      ),
    },
    {
      title: "状态",
      key: "status",
      width: 200,
      render: (_, a) => (
        <Space size={[0, 4]} wrap>
          <Tag color={a.status === "published" ? (a.current ? "green" : "red") : "default"}>
            {KNOWLEDGE_STATUS_LABELS[a.status]}
          </Tag>
          {a.flags.map((f) => (
            <Tag key={f} color="red" data-testid="article-flag">
              {KNOWLEDGE_FLAG_LABELS[f]}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: "复核日期", dataIndex: "reviewBy", width: 110, render: (v: string | null) => v ?? "—" },
    { title: "版本", dataIndex: "version", width: 70 },
    { title: "使用", dataIndex: "useCount", width: 70 },
    { title: "更新时间", dataIndex: "updatedAt", width: 170, render: (v: string) => formatDateTimeZh(v) },
    {
      title: "操作",
      key: "ops",
      width: 200,
      render: (_, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(a)}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setHistory(a)}>
            历史版本
          </Button>
          <Button type="link" size="small" danger={a.status === "published"} onClick={() => toggle(a)}>
            {a.status === "draft" ? "发布" : "撤回"}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="知识库管理"
        extra={
          <Space>
            <Button onClick={() => setSynonyms(true)}>同义词</Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing("new")}
              data-testid="article-new"
            >
              新建条目
            </Button>
          </Space>
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: "draft", label: "草稿" },
              { value: "published", label: "已发布" },
            ]}
          />
          <Checkbox checked={flagged} onChange={(e) => setFlagged(e.target.checked)}>
            只看过期或逾期未复核
          </Checkbox>
        </Space>
        <Table<Article>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: list.isError ? `加载失败：${errorMessage(list.error)}` : "没有条目" }}
        />
      </Card>
      <ArticleEditor
        article={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
      <Modal
        open={history !== null}
        onCancel={() => setHistory(null)}
        footer={null}
        width={720}
        title={`历史版本：${history?.title ?? ""}`}
      >
        <Timeline
          items={(versions.data?.items ?? []).map((v) => ({
            children: (
              <div data-testid="article-version">
                <Typography.Text strong>
                  第 {v.version} 版 · {CHANGE_LABELS[v.change]}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {" "}
                  {v.editedBy} · {formatDateTimeZh(v.editedAt)}
                </Typography.Text>
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
                  {v.title}：{v.answer}
                </Typography.Paragraph>
              </div>
            ),
          }))}
        />
      </Modal>
      <SynonymsModal open={synonyms} onClose={() => setSynonyms(false)} />
    </>
  );
}
