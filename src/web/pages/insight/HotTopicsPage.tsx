import { Alert, Card, Col, Row, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router";
import type { HotTopic } from "../../../contracts/insight.js";
import { errorMessage } from "../../api/client.js";
import { useHotTopics } from "../../api/insight.js";
import { type ChartOption, EChart } from "../../components/EChart.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PeriodBar, usePeriod } from "../../components/PeriodPicker.js";
import { formatDateZh } from "../../lib/time.js";

/** The appeal list of a term: the same words, received in the same period. */
export const termListUrl = (term: string, from: string, to: string) =>
  `/appeals?${new URLSearchParams({ q: term, from, to })}`;

export function Rise({ t }: { t: HotTopic }) {
  const rise = t.count - t.previousCount;
  if (t.previousCount === 0) return <Tag color="red">新出现 +{rise}</Tag>;
  if (rise > 0) return <Tag color="volcano">↑ {rise}</Tag>;
  if (rise < 0) return <Tag color="green">↓ {-rise}</Tag>;
  return <Tag>持平</Tag>;
}

/**
 * 热点分析: the terms of appeal content rising fastest in the period against the previous period
 * of equal length; a term (bar or row) opens the appeal list of that term and period.
 */
export function HotTopicsPage() {
  const period = usePeriod();
  const { from, to } = period;
  const q = useHotTopics(from, to, 20);
  const navigate = useNavigate();
  const items = q.data?.items ?? [];
  const option = useMemo<ChartOption>(() => {
    const shown = [...items].reverse();
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 90, right: 24, top: 32, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: shown.map((i) => i.term) },
      series: [
        { name: "本期诉求数", type: "bar", data: shown.map((i) => i.count), itemStyle: { color: "#cf1322" } },
        {
          name: "上期诉求数",
          type: "bar",
          data: shown.map((i) => i.previousCount),
          itemStyle: { color: "#bfbfbf" },
        },
      ],
    };
  }, [items]);

  return (
    <>
      <PageHeader title="热点分析" />
      <PeriodBar
        label="分析期间"
        period={period}
        testId="hot-range"
        note={
          q.data
            ? `；对比上一期间 ${formatDateZh(q.data.previousFrom, false)} 至 ${formatDateZh(q.data.previousTo, false)}`
            : ""
        }
      />
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title="上升最快的词语" size="small">
            <EChart
              option={option}
              height={Math.max(240, items.length * 28 + 60)}
              label="热点词语本期与上期诉求数"
              testId="hot-chart"
              onClickCategory={(i) => {
                const t = [...items].reverse()[i];
                if (t) navigate(termListUrl(t.term, from, to));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Table<HotTopic>
            rowKey="term"
            size="small"
            pagination={false}
            loading={q.isLoading}
            dataSource={items}
            data-testid="hot-table"
            locale={{ emptyText: "该期间没有诉求内容可分析" }}
            columns={[
              { title: "排名", key: "rank", width: 60, render: (_, __, i) => i + 1 },
              {
                title: "词语",
                dataIndex: "term",
                render: (term: string) => (
                  <Link to={termListUrl(term, from, to)} data-testid="hot-term">
                    {term}
                  </Link>
                ),
              },
              { title: "本期诉求数", dataIndex: "count", width: 100 },
              { title: "上期诉求数", dataIndex: "previousCount", width: 100 },
              { title: "变化", key: "rise", width: 110, render: (_, t) => <Rise t={t} /> },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            按诉求内容分词统计：每件诉求中出现的词语只计一次；“反映、问题、希望”等通用词与虚词不计。
            按上升件数（本期 − 上期）排序，点击词语查看该期间的相关诉求。
          </Typography.Paragraph>
        </Col>
      </Row>
    </>
  );
}
