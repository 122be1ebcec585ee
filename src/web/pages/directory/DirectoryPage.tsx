import { Card, Descriptions, Empty, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import { useDepartments } from "../../api/departments.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useDebounced } from "../../lib/useDebounced.js";

/**
 * 部门通讯录 — every resident department's business, window, matters, phone and hours, for every
 * staff member (read-only; the admin edits it under 部门管理). Searchable by what a department does.
 */
export function DirectoryPage() {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const list = useDepartments({ q: query || undefined });
  return (
    <>
      <PageHeader title="部门通讯录" />
      <Card>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="按部门名称、窗口、职能或事项查找，如“公积金”“12 号窗口”"
          style={{ maxWidth: 420, marginBottom: 16 }}
          aria-label="查找部门"
          data-testid="directory-search"
        />
        <List
          loading={list.isFetching}
          dataSource={list.data ?? []}
          locale={{
            emptyText: list.isError ? (
              `加载失败：${errorMessage(list.error)}`
            ) : (
              <Empty description={query ? "没有符合条件的部门" : "尚未登记进驻部门"} />
            ),
          }}
          renderItem={(d) => (
            <List.Item data-testid="directory-item">
              <div style={{ width: "100%" }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {d.name}
                </Typography.Title>
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label="窗口位置">{d.location || "—"}</Descriptions.Item>
                  <Descriptions.Item label="联系电话">
                    {d.phone ? <a href={`tel:${d.phone}`}>{d.phone}</a> : "—"}
                  </Descriptions.Item>
                  <Descriptions.Item label="办公时间">{d.hours || "—"}</Descriptions.Item>
                  <Descriptions.Item label="职能/业务" span={3}>
                    {d.functions || "—"}
                  </Descriptions.Item>
                  <Descriptions.Item label="办理事项" span={3}>
                    {d.services.length ? (
                      <Space size={[0, 4]} wrap>
                        {d.services.map((s) => (
                          <Tag key={s}>{s}</Tag>
                        ))}
                      </Space>
                    ) : (
                      "—"
                    )}
                  </Descriptions.Item>
                </Descriptions>
              </div>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
