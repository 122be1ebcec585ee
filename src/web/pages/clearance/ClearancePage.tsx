import { DownloadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import { Link } from "react-router";
import type { ClearanceItem } from "../../../contracts/clearance.js";
import { clearanceExportUrl, useClearance } from "../../api/clearance.js";
import { errorMessage } from "../../api/client.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PeriodBar, usePeriod } from "../../components/PeriodPicker.js";
import { dayjs } from "../../lib/time.js";

/**
 * 销号清零: pick a period (this month by default); see how much of what came in is finished, and
 * every appeal still open with the limits running on it — oldest first, exportable to Excel.
 */
export function ClearancePage() {
  const period = usePeriod();
  const { from, to } = period;
  const q = useClearance(from, to);
  const head = q.data?.pages[0];
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const done = head && head.received > 0 ? Math.round((head.finished / head.received) * 1000) / 10 : 100;

  return (
    <>
      <PageHeader title="销号清零" />
      <PeriodBar
        label="受理日期"
        period={period}
        testId="clearance-range"
        note=" 受理的诉求"
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={clearanceExportUrl(from, to)}
            download
            style={{ marginInlineStart: "auto" }}
            data-testid="clearance-export"
          >
            导出Excel
          </Button>
        }
      />
      {q.isError && (
        <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} style={{ marginTop: 16 }} />
      )}
      {head && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="受理" value={head.received} suffix="件" data-testid="clearance-received" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="已办结" value={head.finished} suffix="件" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title="仍在办"
                value={head.open}
                suffix="件"
                valueStyle={{ color: head.open ? "#cf1322" : "#389e0d" }}
                data-testid="clearance-open"
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Typography.Text type="secondary">办结进度</Typography.Text>
              <Progress percent={done} status={head.cleared ? "success" : "active"} />
              {head.cleared && <Tag color="success">已清零</Tag>}
            </Card>
          </Col>
        </Row>
      )}
      <Card title="未办结清单（最早受理的在前）" style={{ marginTop: 16 }}>
        {head?.cleared ? (
          <Result status="success" title="该时段受理的诉求已全部办结销号" />
        ) : (
          <Table<ClearanceItem>
            rowKey="appealId"
            size="middle"
            loading={q.isPending}
            dataSource={items}
            pagination={false}
            data-testid="clearance-table"
            columns={[
              {
                title: "受理编号",
                dataIndex: "trackingNo",
                render: (v: string, r) => (
                  <Link to={`/appeals/${r.appealId}`} style={{ whiteSpace: "nowrap" }}>
                    {v}
                  </Link>
                ),
              },
              {
                title: "受理时间",
                dataIndex: "receivedAt",
                render: (v: string) => dayjs(v).format("M月D日 HH:mm"),
              },
              { title: "状态", dataIndex: "statusLabel", render: (v: string) => <Tag>{v}</Tag> },
              { title: "诉求摘要", dataIndex: "excerpt", ellipsis: true },
              {
                title: "办理时限",
                dataIndex: "limits",
                render: (limits: ClearanceItem["limits"]) => (
                  <Space direction="vertical" size={2}>
                    {limits.map((l) => (
                      <Space key={`${l.kind}${l.label}`} size={6} wrap>
                        <Tag>{l.kindLabel}</Tag>
                        {l.departmentName && (
                          <Typography.Text type="secondary">{l.departmentName}</Typography.Text>
                        )}
                        <DueLight at={l.dueAt} light={l.light} compact />
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
            footer={
              q.hasNextPage
                ? () => (
                    <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
                      加载更多
                    </Button>
                  )
                : undefined
            }
          />
        )}
      </Card>
    </>
  );
}
