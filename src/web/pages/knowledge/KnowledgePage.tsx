import { Card, Col, Empty, Input, List, Row, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import { useKnowledgeSearch, useMostUsed } from "../../api/knowledge.js";
import { Highlighted } from "../../components/KnowledgePicker.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useDebounced } from "../../lib/useDebounced.js";
import { ArticleDetail } from "./ArticleDetail.js";

/** 知识库 — search for every staff member, with the most used answers beside it. */
export function KnowledgePage() {
  const [q, setQ] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const query = useDebounced(q, 250);
  const search = useKnowledgeSearch(query);
  const most = useMostUsed();
  return (
    <>
      <PageHeader title="知识库" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Input.Search
              size="large"
              allowClear
              value={q}
              maxLength={200}
              onChange={(e) => setQ(e.target.value)}
              placeholder="用群众的话输入问题，如“个体户不干了要办什么”"
              loading={search.isFetching}
              data-testid="knowledge-page-query"
            />
            {query.trim() && (
              <List
                style={{ marginTop: 16 }}
                dataSource={search.data?.items ?? []}
                locale={{
                  emptyText: search.isError ? (
                    errorMessage(search.error)
                  ) : (
                    <Empty description="没有找到相关条目，可换个说法再试" />
                  ),
                }}
                renderItem={(h) => (
                  <List.Item
                    data-testid="knowledge-page-hit"
                    onClick={() => setOpen(h.id)}
                    style={{ cursor: "pointer" }}
                  >
                    <List.Item.Meta
                      title={
                        <Space size={4}>
                          <Typography.Link>{h.title}</Typography.Link>
                          {h.example && <Tag color="orange">示例待审核</Tag>}
                        </Space>
                      }
                      description={<Highlighted text={h.snippet} marks={h.highlights} />}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="常用答复">
            <List
              size="small"
              dataSource={most.data?.items ?? []}
              locale={{ emptyText: "暂无使用记录" }}
              renderItem={(m) => (
                <List.Item onClick={() => setOpen(m.id)} style={{ cursor: "pointer" }}>
                  <Typography.Link>{m.title}</Typography.Link>
                  <Typography.Text type="secondary">{m.useCount} 次</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <ArticleDetail id={open} onClose={() => setOpen(null)} />
    </>
  );
}
