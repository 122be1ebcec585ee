import { Alert, Button, Card, DatePicker, Flex, Progress, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ReportItem } from "../../../contracts/insight.js";
import { errorMessage } from "../../api/client.js";
import {
  type DownloadProgress,
  downloadWithProgress,
  type MonthlyReport,
  monthlyAppealsExportUrl,
  monthlyExportUrl,
  useMonthlyReport,
} from "../../api/insight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { centerToday, dayjs, formatDateTimeZh } from "../../lib/time.js";
import { pct, RATE_LABELS, type RateKey, rateColor } from "../stats/drill.js";
import { Rise, termListUrl } from "./HotTopicsPage.js";
import "./report.css";

type Figures = MonthlyReport["totals"];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The report's figures: counts and rates, this month and last. */
const ROWS: [string, (f: Figures) => number | null, "n" | RateKey][] = [
  ["受理", (f) => f.received, "n"],
  ["不予受理", (f) => f.rejected, "n"],
  ["即时办结", (f) => f.resolvedOnSpot, "n"],
  ["分办", (f) => f.dispatched, "n"],
  ["办结销号", (f) => f.closed, "n"],
  ["响应率", (f) => f.responseRate, "responseRate"],
  ["解决率", (f) => f.resolutionRate, "resolutionRate"],
  ["满意率", (f) => f.satisfactionRate, "satisfactionRate"],
  ["按期办结率", (f) => f.onTimeRate, "onTimeRate"],
  ["超期办结", (f) => f.overdue, "n"],
  ["延期", (f) => f.extended, "n"],
  ["退单", (f) => f.returned, "n"],
  ["督办", (f) => f.supervised, "n"],
  ["通报", (f) => f.noticed, "n"],
  ["评价", (f) => f.rated, "n"],
  ["差评", (f) => f.bad, "n"],
  ["整改完成", (f) => f.rectificationsDone, "n"],
  ["重复诉求", (f) => f.repeated, "n"],
];

function change(cur: number | null, prev: number | null, kind: "n" | RateKey): string {
  if (cur === null || prev === null) return "—";
  if (kind === "n") return cur === prev ? "持平" : `${cur > prev ? "+" : ""}${cur - prev}`;
  const d = Math.round((cur - prev) * 1000) / 10;
  return d === 0 ? "持平" : `${d > 0 ? "+" : ""}${d.toFixed(1)} 个百分点`;
}

function Items({ items, kind }: { items: ReportItem[]; kind: "overdue" | "rectified" }) {
  return (
    <Table<ReportItem>
      rowKey={(i) => `${i.appealId}-${i.doneAt}`}
      size="small"
      pagination={false}
      dataSource={items}
      data-testid={`report-${kind}`}
      locale={{ emptyText: kind === "overdue" ? "本月没有超期办结的诉求" : "本月没有完成的整改" }}
      columns={[
        {
          title: "受理编号",
          dataIndex: "trackingNo",
          width: 150,
          render: (v: string, i) => <Link to={`/appeals/${i.appealId}`}>{v}</Link>,
        },
        { title: "责任部门", dataIndex: "departmentName", width: 130 },
        {
          title: kind === "overdue" ? "办理时限" : "整改时限",
          dataIndex: "dueAt",
          width: 150,
          render: (v: string | null) => (v ? formatDateTimeZh(v) : "—"),
        },
        {
          title: kind === "overdue" ? "答复时间" : "完成时间",
          dataIndex: "doneAt",
          width: 150,
          render: (v: string | null) => (v ? formatDateTimeZh(v) : "—"),
        },
        { title: "诉求内容", dataIndex: "content", ellipsis: true },
        ...(kind === "rectified" ? [{ title: "整改情况", dataIndex: "result", ellipsis: true }] : []),
      ]}
    />
  );
}

/** 导出明细: the month's appeals, downloaded with a progress bar (bytes of Content-Length). */
function DetailExport({ month }: { month: string }) {
  const [p, setP] = useState<DownloadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    setP(null);
    try {
      await downloadWithProgress(monthlyAppealsExportUrl(month), `诉求明细_${month}.xlsx`, setP);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const percent = p?.total ? Math.round((p.received / p.total) * 100) : 0;
  return (
    <Space orientation="vertical" size={4} style={{ minWidth: 240 }}>
      <Button onClick={start} loading={busy && !p} disabled={busy} data-testid="export-detail">
        导出明细
      </Button>
      {busy && !p && <Typography.Text type="secondary">正在生成文件…</Typography.Text>}
      {p && (
        <div data-testid="export-progress">
          <Progress percent={percent} size="small" status={busy ? "active" : "success"} />
          <Typography.Text type="secondary">
            {p.rows !== null ? `共 ${p.rows} 件，` : ""}已下载 {Math.round(p.received / 1024)} KB
            {p.total ? ` / ${Math.round(p.total / 1024)} KB` : ""}
          </Typography.Text>
        </div>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

/**
 * 月度报告: a month's figures against the previous month, per department, hot topics, overdue and
 * rectified items — printable on A4 (print CSS hides the console) and exportable to .xlsx.
 */
export function MonthlyReportPage() {
  const [sp, setSp] = useSearchParams();
  const today = centerToday();
  const lastMonth = dayjs(today).subtract(1, "month").format("YYYY-MM");
  const month = MONTH.test(sp.get("month") ?? "") ? sp.get("month")! : lastMonth;
  const q = useMonthlyReport(month);
  const r = q.data;
  const targets = r?.targets;

  return (
    <div className="monthly-report">
      <div className="no-print">
        <PageHeader title="月度报告" />
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <span>报告月份</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.format("YYYY-MM") > today.slice(0, 7)}
              onChange={(d) => d && setSp({ month: d.format("YYYY-MM") }, { replace: true })}
              data-testid="report-month"
            />
            <Button type="primary" onClick={() => window.print()} disabled={!r} data-testid="report-print">
              打印
            </Button>
            <Button href={monthlyExportUrl(month)} disabled={!r} data-testid="report-export">
              导出报告（Excel）
            </Button>
            <DetailExport month={month} />
          </Flex>
        </Card>
      </div>
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      {r && (
        <article className="report-sheet" data-testid="report-sheet">
          <h1>
            {r.month.slice(0, 4)} 年 {Number(r.month.slice(5))} 月有诉即办工作月度报告
          </h1>
          <p className="report-sub">
            统计期间 {r.from} 至 {r.to}，对比上月（{r.previousMonth}）；口径见 docs/metrics.md，基本满意权重{" "}
            {r.basicSatisfiedWeight}。
          </p>
          <h2>一、主要指标</h2>
          <table className="report-table" data-testid="report-figures">
            <thead>
              <tr>
                <th>指标</th>
                <th>本月</th>
                <th>上月</th>
                <th>变化</th>
                <th>目标</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([label, get, kind]) => {
                const cur = get(r.totals);
                const prev = get(r.previousTotals);
                const target = kind === "n" ? undefined : targets?.[kind];
                return (
                  <tr key={label}>
                    <td>{label}</td>
                    <td style={{ color: kind === "n" ? undefined : rateColor(cur, target) }}>
                      {kind === "n" ? cur : pct(cur)}
                    </td>
                    <td>{kind === "n" ? prev : pct(prev)}</td>
                    <td>{change(cur, prev, kind)}</td>
                    <td>{target === undefined ? "" : `≥ ${pct(target)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>二、各部门情况</h2>
          <table className="report-table" data-testid="report-departments">
            <thead>
              <tr>
                <th>部门</th>
                <th>分办</th>
                <th>办结</th>
                {(Object.keys(RATE_LABELS) as RateKey[]).map((k) => (
                  <th key={k}>{RATE_LABELS[k]}</th>
                ))}
                <th>差评</th>
                <th>督办</th>
                <th>整改</th>
              </tr>
            </thead>
            <tbody>
              {r.departments.map((g) => (
                <tr key={g.key}>
                  <td>{g.label}</td>
                  <td>{g.dispatched}</td>
                  <td>{g.closed}</td>
                  {(Object.keys(RATE_LABELS) as RateKey[]).map((k) => (
                    <td key={k} style={{ color: rateColor(g[k], targets?.[k]) }}>
                      {pct(g[k])}
                    </td>
                  ))}
                  <td>{g.bad}</td>
                  <td>{g.supervised}</td>
                  <td>
                    {g.rectificationsDone}/{g.rectificationsOpened}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="report-sub">考核排名另见“考核排名”（本报告暂不含排名）。</p>
          <h2>三、热点问题</h2>
          {r.hotTopics.length === 0 ? (
            <p>本月没有可分析的诉求内容。</p>
          ) : (
            <ol className="report-hot" data-testid="report-hot">
              {r.hotTopics.map((t) => (
                <li key={t.term}>
                  <Link to={termListUrl(t.term, r.from, r.to)}>{t.term}</Link> {t.count} 件（上月{" "}
                  {t.previousCount} 件） <Rise t={t} />
                </li>
              ))}
            </ol>
          )}
          <h2>四、超期办结事项（{r.totals.overdue} 件）</h2>
          <Items items={r.overdueItems} kind="overdue" />
          <h2>五、差评整改完成事项（{r.totals.rectificationsDone} 件）</h2>
          <Items items={r.rectifiedItems} kind="rectified" />
        </article>
      )}
    </div>
  );
}
