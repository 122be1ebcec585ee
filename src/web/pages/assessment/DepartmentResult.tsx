import { Alert, Card, Col, Descriptions, Empty, List, Row, Statistic, Typography } from "antd";
import {
  type AssessmentPublication,
  useAssessment,
  useAssessmentPublications,
} from "../../api/assessment.js";
import { errorMessage } from "../../api/client.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { pct, score } from "./AssessmentTable.js";
import { MonthPicker, ruleText, useMonth } from "./month.js";

/** What a department is told: its published results (score, rank among all) and this month so far. */
export function DepartmentResult() {
  const [month, setMonth] = useMonth();
  const pubs = useAssessmentPublications();
  const live = useAssessment(month);
  const mine = live.data?.items[0];
  const latest = pubs.data?.items[0];

  return (
    <>
      <PageHeader title="考核结果" />
      {pubs.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(pubs.error)}`} />}
      <Card title="已通报的考核结果" size="small" data-testid="assessment-published">
        {latest ? (
          <PublishedResult pub={latest} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="中心尚未通报考核结果" />
        )}
        {(pubs.data?.items.length ?? 0) > 1 && (
          <List
            size="small"
            header="往月"
            dataSource={pubs.data?.items.slice(1) ?? []}
            renderItem={(p) => {
              const i = p.items[0];
              return (
                <List.Item>
                  {p.month}：
                  {i?.rank ? `第 ${i.rank} 名 / ${p.ranked}，得分 ${score(i.score)}` : "未参与排名"}
                </List.Item>
              );
            }}
          />
        )}
      </Card>
      <Card
        title="本部门当月实时得分（未通报，仅供参考）"
        size="small"
        style={{ marginTop: 16 }}
        extra={<MonthPicker month={month} onChange={setMonth} />}
      >
        {mine ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="得分">{score(mine.score)}</Descriptions.Item>
            <Descriptions.Item label="排名">{mine.rank ?? "未参与"}</Descriptions.Item>
            <Descriptions.Item label="扣分">{mine.deductions}</Descriptions.Item>
            <Descriptions.Item label="响应率">{pct(mine.figures.responseRate)}</Descriptions.Item>
            <Descriptions.Item label="解决率">{pct(mine.figures.resolutionRate)}</Descriptions.Item>
            <Descriptions.Item label="满意率">{pct(mine.figures.satisfactionRate)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />
        )}
      </Card>
    </>
  );
}

function PublishedResult({ pub }: { pub: AssessmentPublication }) {
  const i = pub.items[0];
  if (!i) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本部门不在该月考核范围内" />;
  return (
    <>
      <Typography.Paragraph>
        {pub.month} 考核结果，{formatDateTimeZh(pub.publishedAt)} 由 {pub.publishedByName} 通报（第{" "}
        {pub.version} 版{pub.complete ? "" : "，月中数据"}）。
      </Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="assessment-own-result">
        <Col xs={12} md={6}>
          <Statistic title="得分" value={score(i.score)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="排名"
            value={i.rank === null ? "未参与" : `第 ${i.rank} 名`}
            suffix={i.rank ? `/ ${pub.ranked}` : undefined}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="扣分" value={i.deductions} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="满意率" value={pct(i.figures.satisfactionRate)} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        响应率 {pct(i.figures.responseRate)}、解决率 {pct(i.figures.resolutionRate)}、督办{" "}
        {i.figures.supervised} 件、通报 {i.figures.noticed} 件。{ruleText(pub.weights)}
      </Typography.Paragraph>
    </>
  );
}
