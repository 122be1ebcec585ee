import { BookOutlined } from "@ant-design/icons";
import { App, Button, Empty, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { errorMessage } from "../api/client.js";
import { useKnowledgeSearch, useMostUsed, useUseArticle } from "../api/knowledge.js";
import { useDebounced } from "../lib/useDebounced.js";

/** A snippet with its matched words marked (offsets from the server; text is never HTML). */
export function Highlighted({ text, marks }: { text: string; marks: { start: number; end: number }[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) parts.push(text.slice(at, m.start));
    parts.push(<mark key={m.start}>{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * 知识库 search beside a reply: the clerk types the citizen's question in their own words, picks
 * an article and inserts its answer with one click (the use is counted). `initialQuery` seeds the box.
 */
export function KnowledgePicker({
  onInsert,
  initialQuery = "",
}: {
  onInsert: (answer: string) => void;
  initialQuery?: string;
}) {
  const [q, setQ] = useState(initialQuery.slice(0, 200));
  const debounced = useDebounced(q, 250);
  const search = useKnowledgeSearch(debounced);
  const most = useMostUsed();
  const use = useUseArticle();
  const { message } = App.useApp();

  const insert = async (id: string) => {
    try {
      const a = await use.mutateAsync(id);
      onInsert(a.answer);
      message.success(`已插入“${a.title}”的答复口径`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const hits = debounced.trim() ? (search.data?.items ?? []) : [];
  return (
    <div data-testid="knowledge-picker" style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        value={q}
        maxLength={200}
        onChange={(e) => setQ(e.target.value)}
        placeholder="查知识库：用群众的话输入问题，如“个体户不干了怎么办”"
        prefix={<BookOutlined />}
        loading={search.isFetching}
        data-testid="knowledge-query"
      />
      {debounced.trim() ? (
        <List
          size="small"
          style={{ maxHeight: 260, overflow: "auto" }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="知识库中没有找到相关条目" />,
          }}
          dataSource={hits}
          renderItem={(h) => (
            <List.Item
              data-testid="knowledge-hit"
              actions={[
                <Button
                  key="insert"
                  size="small"
                  type="link"
                  loading={use.isPending && use.variables === h.id}
                  onClick={() => insert(h.id)}
                  data-testid="knowledge-insert"
                >
                  插入答复
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={4}>
                    <span data-testid="knowledge-hit-title">{h.title}</span>
                    {h.example && <Tag color="orange">示例待审核</Tag>}
                  </Space>
                }
                description={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    <Highlighted text={h.snippet} marks={h.highlights} />
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        (most.data?.items.length ?? 0) > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">常用答复：</Typography.Text>
            <Space size={[4, 4]} wrap>
              {most.data?.items.slice(0, 6).map((m) => (
                <Tag.CheckableTag key={m.id} checked={false} onChange={() => insert(m.id)}>
                  {m.title}
                </Tag.CheckableTag>
              ))}
            </Space>
          </div>
        )
      )}
    </div>
  );
}
