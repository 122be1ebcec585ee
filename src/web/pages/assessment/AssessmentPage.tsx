import { ExportOutlined, PrinterOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Typography } from "antd";
import {
  assessmentExportUrl,
  assessmentPrintUrl,
  useAssessment,
  usePublishAssessment,
} from "../../api/assessment.js";
import { errorMessage } from "../../api/client.js";
import { useSession } from "../../auth/session.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { AssessmentTable } from "./AssessmentTable.js";
import { DepartmentResult } from "./DepartmentResult.js";
import { MonthPicker, ruleText, useMonth } from "./month.js";
import { RankingChart } from "./RankingChart.js";

/**
 * 考核排名: each department's monthly score and rank (leader, supervisor), printable, exportable,
 * and published (通报) to the departments; a department user sees its own result instead.
 */
export function AssessmentPage() {
  const { hasRole } = useSession();
  const overseer = hasRole("leader", "supervisor");
  return overseer ? <Ranking /> : <DepartmentResult />;
}

function Ranking() {
  const [month, setMonth] = useMonth();
  const q = useAssessment(month);
  const publish = usePublishAssessment();
  const { message } = App.useApp();
  const data = q.data;

  const onPublish = async () => {
    try {
      const r = await publish.mutateAsync(month);
      if (r.created)
        message.success(`已通报 ${month} 考核结果（第 ${r.version} 版），${r.notified} 人收到消息`);
      else message.info(`得分与排名未变化，沿用已通报的第 ${r.version} 版，未重复发送消息`);
    } catch (e) {
      message.error(`通报失败：${errorMessage(e)}`);
    }
  };

  return (
    <>
      <PageHeader title="考核排名" />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <span>考核月份</span>
          <MonthPicker month={month} onChange={setMonth} />
          {data && (
            <Typography.Text type="secondary" data-testid="assessment-state">
              {data.complete ? "整月数据" : "月中数据，月末前仍会变化"}；
              {data.published
                ? `已于 ${formatDateTimeZh(data.published.publishedAt)} 通报（第 ${data.published.version} 版，${data.published.publishedByName}）`
                : "尚未通报"}
            </Typography.Text>
          )}
          <Flex gap={8} style={{ marginInlineStart: "auto" }} wrap>
            <Popconfirm
              title={`通报 ${month} 考核结果？`}
              description="将冻结当前得分与排名，并向各部门发送其得分与名次的站内消息。"
              okText="通报"
              onConfirm={onPublish}
            >
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={publish.isPending}
                data-testid="assessment-publish"
              >
                通报考核结果
              </Button>
            </Popconfirm>
            <Button
              icon={<PrinterOutlined />}
              href={assessmentPrintUrl(month)}
              target="_blank"
              data-testid="assessment-print"
            >
              打印
            </Button>
            <Button
              icon={<ExportOutlined />}
              href={assessmentExportUrl(month)}
              download
              data-testid="assessment-export"
            >
              导出 Excel
            </Button>
          </Flex>
        </Flex>
      </Card>
      {q.isError && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={`加载失败：${errorMessage(q.error)}`} />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card title="考核得分" size="small">
            <RankingChart items={data?.items ?? []} />
          </Card>
        </Col>
        <Col span={24}>
          <AssessmentTable items={data?.items ?? []} loading={q.isLoading} />
          {data && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="assessment-rule">
              {ruleText(data.weights)}满意率中基本满意按 {data.basicSatisfiedWeight} 计。口径见
              docs/metrics.md。
            </Typography.Paragraph>
          )}
        </Col>
      </Row>
    </>
  );
}
