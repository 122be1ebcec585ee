import { Alert, Button, Card, List, Popconfirm, Progress, Space, Tag, Typography } from "antd";
import { APPEAL_STATUS_LABELS, APPEAL_TYPE_LABELS, type AppealType } from "../../contracts/appeals.js";
import type { SuggestResult } from "../api/assist.js";
import { errorMessage } from "../api/client.js";

const pct = (x: number) => Math.round(x * 100);

/**
 * 分办建议 beside the intake form and in the review drawer: suggested lead departments with their
 * confidence, type and category, non-acceptance hints and similar open appeals. Nothing is applied
 * without the clerk's "采用"; merging a repeat (dispatchers, review page) asks to confirm first.
 */
export function AssistPanel({
  data,
  loading,
  error,
  onAdoptDepartment,
  onAdoptType,
  onMerge,
  merging,
  only,
}: {
  data: SuggestResult | undefined;
  loading: boolean;
  error: unknown;
  onAdoptDepartment?: (departmentId: string) => void;
  onAdoptType?: (type: AppealType) => void;
  /** Merge the appeal under review into this similar one (dispatchers on the review page). */
  onMerge?: (intoAppealId: string) => void;
  merging?: boolean;
  /** Show only the similar appeals (the appeal page's 重复诉求 card). */
  only?: "similar";
}) {
  return (
    <Card
      size="small"
      title={only === "similar" ? "疑似重复诉求" : "分办建议"}
      loading={loading && !data}
      data-testid={only === "similar" ? "repeat-panel" : "assist-panel"}
    >
      {error ? <Alert type="warning" showIcon title={`暂时无法获取建议：${errorMessage(error)}`} /> : null}
      {!data && !error && (
        <Typography.Text type="secondary">输入诉求内容后显示建议部门和相似诉求</Typography.Text>
      )}
      {data && only === "similar" && data.similar.length === 0 && (
        <Typography.Text type="secondary">近 30 天没有相似的在办诉求</Typography.Text>
      )}
      {data && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          {only === "similar" ? null : data.model === null || data.departments.length === 0 ? (
            <Typography.Text type="secondary" data-testid="assist-no-model">
              {data.reason ?? "暂无建议"}
            </Typography.Text>
          ) : (
            <div>
              <Typography.Text strong>建议牵头部门</Typography.Text>
              <List
                size="small"
                dataSource={data.departments}
                renderItem={(d, i) => (
                  <List.Item
                    data-testid="assist-department"
                    actions={
                      onAdoptDepartment
                        ? [
                            <Button
                              key="adopt"
                              size="small"
                              onClick={() => onAdoptDepartment(d.departmentId)}
                            >
                              采用
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Space>
                      {i === 0 ? <Tag color="blue">首选</Tag> : null}
                      <span>{d.name}</span>
                      <Progress percent={pct(d.confidence)} size="small" style={{ width: 100 }} />
                    </Space>
                  </List.Item>
                )}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                依据本中心 {data.model.examples} 件分办记录，置信度为历史准确率估计，仅供参考
              </Typography.Text>
            </div>
          )}
          {!only && (data.type || data.category) && (
            <Space wrap>
              {data.type && (
                <span data-testid="assist-type">
                  建议类别：{APPEAL_TYPE_LABELS[data.type.code]}（{pct(data.type.confidence)}%）
                  {onAdoptType && (
                    <Button size="small" type="link" onClick={() => data.type && onAdoptType(data.type.code)}>
                      采用
                    </Button>
                  )}
                </span>
              )}
              {data.category && (
                <span data-testid="assist-category">
                  建议分类：{data.category.code}（{pct(data.category.confidence)}%）
                </span>
              )}
            </Space>
          )}
          {!only && data.refusalHints.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="可能属于不予受理事项"
              description={data.refusalHints.map((h) => <div key={h.area}>{h.message}</div>)}
              data-testid="assist-refusal"
            />
          )}
          {!only && data.articles.length > 0 && (
            <div>
              <Typography.Text strong>相关知识</Typography.Text>
              <List
                size="small"
                dataSource={data.articles}
                renderItem={(a) => <List.Item>{a.title}</List.Item>}
              />
            </div>
          )}
          {data.similar.length > 0 && (
            <div>
              <Typography.Text strong>相似的在办诉求（近 30 天）</Typography.Text>
              <List
                size="small"
                dataSource={data.similar}
                renderItem={(s) => (
                  <List.Item
                    data-testid="assist-similar"
                    actions={
                      onMerge
                        ? [
                            <Popconfirm
                              key="merge"
                              title="并入该诉求？"
                              description="本诉求将并入该诉求一并办理，并短信告知诉求人；此操作不可撤销。"
                              okText="确认并单"
                              cancelText="取消"
                              onConfirm={() => onMerge(s.appealId)}
                            >
                              <Button size="small" danger loading={merging}>
                                并入此件
                              </Button>
                            </Popconfirm>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space size={4} wrap>
                          <a href={`/appeals/${s.appealId}`}>{s.trackingNo}</a>
                          <Tag>{APPEAL_STATUS_LABELS[s.status]}</Tag>
                          {s.samePhone && <Tag color="orange">同一来电号码</Tag>}
                          <span>相似度 {pct(s.score)}%</span>
                        </Space>
                      }
                      description={s.contentPreview}
                    />
                  </List.Item>
                )}
              />
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}
