import { Alert, Card, Col, Flex, Row, Statistic, Table, Tabs, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { DrillMetric, RateTargets } from "../../../contracts/insight.js";
import { errorMessage } from "../../api/client.js";
import { type StatsSummary, useStatsSummary } from "../../api/results.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PeriodBar, usePeriod } from "../../components/PeriodPicker.js";
import { type Dim, drillUrl, pct, RATE_LABELS, type RateKey, rateColor } from "./drill.js";
import { RatesChart, TrendChart } from "./StatsCharts.js";

type Group = StatsSummary["groups"][number];
type Figures = StatsSummary["totals"];

/** A count that opens the list of the appeals behind it. */
function N(props: {
  n: number;
  metric: DrillMetric;
  from: string;
  to: string;
  dim?: Dim;
  label?: string;
  testId?: string;
}) {
  if (props.n === 0) return <span>0</span>;
  return (
    <Link
      to={drillUrl(props.metric, props.from, props.to, props.dim, props.label)}
      data-testid={props.testId}
    >
      {props.n}
    </Link>
  );
}

/** A rate coloured against its target. */
function Rate({ v, target }: { v: number | null; target?: number }) {
  return <span style={{ color: rateColor(v, target), fontWeight: 500 }}>{pct(v)}</span>;
}

/** The figures a group table shows, each count a link (department, channel or type). */
function groupColumns(from: string, to: string, dimOf: (g: Group) => Dim, targets?: RateTargets) {
  const n = (metric: DrillMetric, field: keyof Figures) => (_: unknown, g: Group) => (
    <N n={g[field] as number} metric={metric} from={from} to={to} dim={dimOf(g)} label={g.label} />
  );
  const rate = (key: RateKey) => ({
    title: RATE_LABELS[key],
    key,
    render: (_: unknown, g: Group) => <Rate v={g[key]} target={targets?.[key]} />,
  });
  return [
    { title: "名称", dataIndex: "label" },
    { title: "受理", key: "received", render: n("received", "received") },
    { title: "分办", key: "dispatched", render: n("dispatched", "dispatched") },
    { title: "办结", key: "closed", render: n("closed", "closed") },
    { title: "超期", key: "overdue", render: n("overdue", "overdue") },
    rate("onTimeRate"),
    rate("responseRate"),
    { title: "评价", key: "rated", render: n("rated", "rated") },
    rate("resolutionRate"),
    rate("satisfactionRate"),
    { title: "差评", key: "bad", render: n("bad", "bad") },
    { title: "督办", key: "supervised", render: n("supervised", "supervised") },
    {
      title: "整改（完成/发起）",
      key: "rect",
      render: (_: unknown, g: Group) => (
        <>
          {n("rectifications_done", "rectificationsDone")(null, g)}/
          {n("rectifications_opened", "rectificationsOpened")(null, g)}
        </>
      ),
    },
  ];
}

/**
 * 统计分析: the three rates and 按期办结率 of a period (this month by default) against the center's
 * targets, per department, channel and type, and the daily volume — every number opens the list
 * of the appeals it counts (docs/metrics.md defines each).
 */
export function StatsPage() {
  const period = usePeriod();
  const { from, to } = period;
  const byDept = useStatsSummary(from, to, "department");
  const byChannel = useStatsSummary(from, to, "channel");
  const byType = useStatsSummary(from, to, "type");
  const byDay = useStatsSummary(from, to, "day");
  const t = byDept.data?.totals;
  const targets = byDept.data?.targets;
  const link = (n: number, metric: DrillMetric) => (
    <N n={n} metric={metric} from={from} to={to} testId={`total-${metric}`} />
  );
  // [label, stable test id, the number (a link)]
  const counts: [string, string, ReactNode][] = t
    ? [
        ["受理", "received", link(t.received, "received")],
        ["不予受理", "rejected", link(t.rejected, "rejected")],
        ["即时办结", "resolved-on-spot", link(t.resolvedOnSpot, "resolved_on_spot")],
        ["分办", "dispatched", link(t.dispatched, "dispatched")],
        ["办结销号", "closed", link(t.closed, "closed")],
        ["超期办结", "overdue", link(t.overdue, "overdue")],
        ["延期", "extended", link(t.extended, "extended")],
        ["退单", "returned", link(t.returned, "returned")],
        ["督办", "supervised", link(t.supervised, "supervised")],
        ["通报", "noticed", link(t.noticed, "noticed")],
        ["差评", "bad", link(t.bad, "bad")],
        ["申诉复核", "disputed", link(t.disputed, "disputed")],
        ["重复诉求", "repeated", link(t.repeated, "repeated")],
        [
          "整改",
          "rectifications",
          <>
            {link(t.rectificationsDone, "rectifications_done")}/
            {link(t.rectificationsOpened, "rectifications_opened")}
          </>,
        ],
      ]
    : [];
  const table = (data: Group[] | undefined, loading: boolean, dimOf: (g: Group) => Dim, testId: string) => (
    <Table<Group>
      rowKey="key"
      size="small"
      pagination={false}
      loading={loading}
      dataSource={data ?? []}
      locale={{ emptyText: "该期间没有数据" }}
      data-testid={testId}
      onRow={(g) => ({ "data-testid": `${testId}-row-${g.key}` }) as React.HTMLAttributes<HTMLElement>}
      scroll={{ x: 1000 }}
      columns={groupColumns(from, to, dimOf, targets)}
    />
  );

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
              [
                "responseRate",
                "responded_on_time",
                t.respondedOnTime,
                "responded",
                t.responded,
                "件按时响应",
              ],
              [
                "resolutionRate",
                "resolved_by_requester",
                t.resolvedByRequester,
                "rated",
                t.rated,
                "件评价为已解决",
              ],
              ["satisfactionRate", "satisfied", t.satisfied, "rated", t.rated, "件满意"],
              ["onTimeRate", "on_time", t.onTime, "closed", t.onTime + t.overdue, "件按期"],
            ] as const
          ).map(([key, numMetric, num, denMetric, den, note]) => (
            <Col xs={12} md={6} key={key}>
              <Card>
                <Statistic
                  title={RATE_LABELS[key]}
                  value={pct(t[key])}
                  styles={{ content: { color: rateColor(t[key], targets?.[key]) } }}
                />
                <Typography.Text type="secondary">
                  {Number.isInteger(num) ? link(num, numMetric) : num}/
                  {denMetric === "closed" ? den : link(den, denMetric)} {note}
                  {targets && `；目标 ${pct(targets[key])}`}
                </Typography.Text>
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card size="small">
              <Flex gap={24} wrap>
                {counts.map(([label, id, node]) => (
                  <span key={label} data-testid={`stats-count-${id}`}>
                    {label} {node}
                  </span>
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title="各部门三率（虚线为目标）" size="small">
            <RatesChart groups={byDept.data?.groups ?? []} targets={targets} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="诉求量趋势" size="small">
            <TrendChart days={byDay.data?.groups ?? []} />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          items={[
            {
              key: "department",
              label: "按部门",
              children: table(
                byDept.data?.groups,
                byDept.isLoading,
                (g) => ({ departmentId: g.key }),
                "stats-department-table",
              ),
            },
            {
              key: "channel",
              label: "按渠道",
              children: table(
                byChannel.data?.groups,
                byChannel.isLoading,
                (g) => ({ channel: g.key }),
                "stats-channel-table",
              ),
            },
            {
              key: "type",
              label: "按类别",
              children: table(
                byType.data?.groups,
                byType.isLoading,
                (g) => ({ type: g.key }),
                "stats-type-table",
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          点击任一数字查看其对应的诉求；比率低于目标显示为红色，达到目标显示为绿色（目标在“时限策略”中设置）。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
