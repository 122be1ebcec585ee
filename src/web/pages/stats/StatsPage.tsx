import { Alert, Card, Col, Flex, Row, Statistic, Table, Typography } from "antd";
import { errorMessage } from "../../api/client.js";
import { type StatsSummary, useStatsSummary } from "../../api/results.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PeriodBar, usePeriod } from "../../components/PeriodPicker.js";
import { RatesChart, TrendChart } from "./StatsCharts.js";

type Group = StatsSummary["groups"][number];
const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/**
 * 统计分析: the three rates and 按期办结率 of a period (this month by default), per department,
 * and the daily volume — read from the summary API (docs/metrics.md defines every number).
 */
export function StatsPage() {
  const period = usePeriod();
  const { from, to } = period;
  const byDept = useStatsSummary(from, to, "department");
  const byDay = useStatsSummary(from, to, "day");
  const t = byDept.data?.totals;

  return (
    <>
      <PageHeader title="统计分析" />
      <PeriodBar
        label="统计期间"
        period={period}
        testId="stats-range"
        note={`；基本满意计入满意的权重 ${byDept.data?.basicSatisfiedWeight ?? 1}`}
      />
      {byDept.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(byDept.error)}`} />}
      {t && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="stats-totals">
          {(
            [
              ["响应率", pct(t.responseRate), `${t.respondedOnTime}/${t.responded} 件按时响应`],
              ["解决率", pct(t.resolutionRate), `${t.resolvedByRequester}/${t.rated} 件评价为已解决`],
              ["满意率", pct(t.satisfactionRate), `${t.satisfied}/${t.rated} 件满意`],
              ["按期办结率", pct(t.onTimeRate), `${t.onTime}/${t.onTime + t.overdue} 件按期`],
            ] as const
          ).map(([title, value, note]) => (
            <Col xs={12} md={6} key={title}>
              <Card>
                <Statistic title={title} value={value} />
                <Typography.Text type="secondary">{note}</Typography.Text>
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card size="small">
              <Flex gap={24} wrap>
                <span>受理 {t.received}</span>
                <span>不予受理 {t.rejected}</span>
                <span>即时办结 {t.resolvedOnSpot}</span>
                <span>分办 {t.dispatched}</span>
                <span>办结销号 {t.closed}</span>
                <span>超期 {t.overdue}</span>
                <span>延期 {t.extended}</span>
                <span>退单 {t.returned}</span>
                <span>督办 {t.supervised}</span>
                <span>通报 {t.noticed}</span>
                <span>差评 {t.bad}</span>
                <span>申诉复核 {t.disputed}</span>
                <span>
                  整改 {t.rectificationsDone}/{t.rectificationsOpened}
                </span>
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title="各部门三率" size="small">
            <RatesChart groups={byDept.data?.groups ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="诉求量趋势" size="small">
            <TrendChart days={byDay.data?.groups ?? []} />
          </Card>
        </Col>
      </Row>
      <Table<Group>
        style={{ marginTop: 16 }}
        rowKey="key"
        size="small"
        pagination={false}
        loading={byDept.isLoading}
        dataSource={byDept.data?.groups ?? []}
        locale={{ emptyText: "该期间没有数据" }}
        data-testid="stats-department-table"
        columns={[
          { title: "部门", dataIndex: "label" },
          { title: "分办", dataIndex: "dispatched" },
          { title: "办结", dataIndex: "closed" },
          { title: "按期办结率", dataIndex: "onTimeRate", render: pct },
          { title: "响应率", dataIndex: "responseRate", render: pct },
          { title: "评价", dataIndex: "rated" },
          { title: "解决率", dataIndex: "resolutionRate", render: pct },
          { title: "满意率", dataIndex: "satisfactionRate", render: pct },
          { title: "差评", dataIndex: "bad" },
          { title: "督办", dataIndex: "supervised" },
          { title: "整改", render: (_: unknown, g) => `${g.rectificationsDone}/${g.rectificationsOpened}` },
        ]}
      />
    </>
  );
}
