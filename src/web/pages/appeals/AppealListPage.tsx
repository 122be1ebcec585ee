import { Alert, Button, Card, Table, type TableColumnsType, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { APPEAL_STATUSES, APPEAL_TYPES, CHANNELS } from "../../../contracts/appeals.js";
import { DRILL_METRIC_LABELS, DRILL_METRICS } from "../../../contracts/insight.js";
import { type Appeal, type AppealFilters as Filters, useAppeals } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { type DrillFilters, useStatsAppeals } from "../../api/insight.js";
import { AppealStatusTag, channelText, requesterText, typeText } from "../../components/AppealTags.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh, formatDateZh } from "../../lib/time.js";
import { AppealFilters } from "./AppealFilters.js";
import "./appeals.css";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | undefined =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

/** The filters live in the query string, so a search can be bookmarked, shared and survives Back. */
function filtersFrom(sp: URLSearchParams): Filters {
  const from = sp.get("from");
  const to = sp.get("to");
  return {
    q: sp.get("q") || undefined,
    status: pick(sp.get("status"), APPEAL_STATUSES),
    channel: pick(sp.get("channel"), CHANNELS),
    type: pick(sp.get("type"), APPEAL_TYPES),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    overdue: sp.get("overdue") === "true" ? "true" : undefined,
  };
}

function toSearch(f: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string
  >;
}

/** The deadline a list row shows: first response while owed, else the due date. */
function rowDeadline(a: Appeal): string | null {
  if (["rejected", "resolved", "closed", "transferred"].includes(a.status)) return null;
  if (a.status === "received" && a.respondBy && !a.respondedAt) return a.respondBy;
  return a.dueAt;
}

/**
 * 诉求查询: every appeal in the user's scope, filtered, searched, paged by "加载更多". With
 * `?metric=…` it lists the appeals behind a number of 统计分析 instead (drill-down).
 */
export function AppealListPage() {
  const [sp] = useSearchParams();
  const drill = drillFrom(sp);
  return drill ? <DrillList filters={drill} /> : <SearchList />;
}

function SearchList() {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => filtersFrom(sp), [sp]);
  const list = useAppeals(filters);
  const filtered = Object.keys(toSearch(filters)).length > 0;
  return (
    <>
      <PageHeader title="诉求查询" />
      <Card style={{ marginBottom: 16 }}>
        <AppealFilters value={filters} onChange={(f) => setSp(toSearch(f), { replace: false })} />
      </Card>
      <AppealTable
        list={list}
        emptyText={
          filtered
            ? "没有符合条件的诉求，请调整或清空筛选条件。"
            : "还没有诉求。窗口登记或网上提交的诉求会出现在这里。"
        }
      />
    </>
  );
}

/** The drill-down filters of the URL (metric, period, one dimension), or null. */
function drillFrom(sp: URLSearchParams): DrillFilters | null {
  const metric = pick(sp.get("metric"), DRILL_METRICS);
  const from = sp.get("from");
  const to = sp.get("to");
  if (!metric || !from || !to || !DATE.test(from) || !DATE.test(to)) return null;
  const opt = (k: string) => sp.get(k) ?? undefined;
  return {
    metric,
    from,
    to,
    departmentId: opt("departmentId"),
    channel: opt("channel"),
    type: opt("type"),
    category: opt("category"),
  };
}

function DrillList({ filters }: { filters: DrillFilters }) {
  const [sp] = useSearchParams();
  const list = useStatsAppeals(filters);
  const dims = [sp.get("label")].filter(Boolean);
  return (
    <>
      <PageHeader title="统计明细" />
      <Alert
        style={{ marginBottom: 16 }}
        type="info"
        showIcon
        data-testid="drill-banner"
        title={`${DRILL_METRIC_LABELS[filters.metric]}：${formatDateZh(filters.from, false)} 至 ${formatDateZh(filters.to, false)}${dims.length ? `，${dims.join("，")}` : ""}`}
        description={
          <>
            与统计分析中的数字同一口径（docs/metrics.md）：列出被计入的每件诉求，同一诉求只列一次。{" "}
            <Link to="/appeals">查看全部诉求</Link>
          </>
        }
      />
      <AppealTable list={list} emptyText="该统计项在此期间没有诉求。" />
    </>
  );
}

type AppealPages = ReturnType<typeof useAppeals>;

function AppealTable({ list, emptyText }: { list: AppealPages; emptyText: string }) {
  const navigate = useNavigate();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // The urgent facts first (number, state, deadline); the long text last.
  const columns: TableColumnsType<Appeal> = [
    {
      title: "受理编号",
      dataIndex: "trackingNo",
      width: 140,
      fixed: "left",
      render: (v: string, a) => (
        <Link to={`/appeals/${a.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: "状态",
      dataIndex: "status",
      width: 90,
      render: (s: Appeal["status"]) => <AppealStatusTag status={s} />,
    },
    {
      title: "时限",
      key: "due",
      width: 170,
      render: (_, a) => {
        const at = rowDeadline(a);
        return at ? <DueLight at={at} compact /> : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
    { title: "收到时间", dataIndex: "receivedAt", width: 170, render: formatDateTimeZh },
    {
      title: "渠道",
      dataIndex: "channel",
      width: 90,
      render: (c: Appeal["channel"]) => channelText(c, true),
    },
    { title: "类别", dataIndex: "type", width: 90, render: typeText },
    {
      title: "诉求人",
      key: "requester",
      width: 140,
      ellipsis: true,
      render: (_, a) => requesterText(a.requester),
    },
    { title: "电话", key: "phone", width: 130, render: (_, a) => a.requester.phone },
    {
      title: "诉求内容",
      dataIndex: "content",
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0, minWidth: 220 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <Card>
      <Table<Appeal>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching && !list.isFetchingNextPage}
        pagination={false}
        scroll={{ x: 1250 }}
        rowClassName={() => "appeal-row"}
        onRow={(a) => ({ onClick: () => navigate(`/appeals/${a.id}`) })}
        data-testid="appeal-table"
        locale={{
          emptyText: list.isError ? `加载失败：${errorMessage(list.error)}` : emptyText,
        }}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: "center", marginTop: 16 }}>
          <Button
            onClick={() => list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="load-more"
          >
            加载更多
          </Button>
        </div>
      )}
    </Card>
  );
}
