import { Alert, Card, Col, Row, Skeleton, Statistic } from "antd";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.js";
import { useStatsSummary } from "../../api/results.js";
import { centerToday } from "../../lib/time.js";

const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** 本月概况 for leaders and supervisors: this month's intake and the rates (docs/metrics.md). */
export function HeadlineCard() {
  const today = centerToday();
  const q = useStatsSummary(`${today.slice(0, 7)}-01`, today);
  const t = q.data?.totals;
  return (
    <Card
      title="本月概况"
      extra={<Link to="/stats">统计分析</Link>}
      style={{ marginTop: 16 }}
      data-testid="headline-card"
    >
      {q.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      {t && (
        <Row gutter={[16, 16]}>
          {(
            [
              ["受理", `${t.received} 件`],
              ["响应率", pct(t.responseRate)],
              ["解决率", pct(t.resolutionRate)],
              ["满意率", pct(t.satisfactionRate)],
              ["按期办结率", pct(t.onTimeRate)],
              ["差评整改", `${t.rectificationsDone}/${t.rectificationsOpened}`],
            ] as const
          ).map(([title, value]) => (
            <Col xs={12} md={8} key={title}>
              <Statistic title={title} value={value} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
