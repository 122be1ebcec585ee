import { Alert, Tag, Timeline, Tooltip, Typography } from "antd";
import { DAY_KIND_LABELS, DEADLINE_RULE_LABELS } from "../../contracts/enums.js";
import type { Deadline } from "../api/types.js";
import { deadlineText, formatDateZh } from "../lib/time.js";

export function ruleText(rule: Deadline["rule"], n: number | undefined): string {
  return rule === "same_day" ? "当日办结" : `${n ?? "?"} 个${DEADLINE_RULE_LABELS[rule]}`;
}

function rangeText(from: string, to: string): string {
  return from === to ? formatDateZh(from) : `${formatDateZh(from)} 至 ${formatDateZh(to)}`;
}

/** A computed deadline: the due time in large type, the provisional flag, the why. */
export function DeadlineResult({ d }: { d: Deadline }) {
  const items = [
    ...d.skipped.map((s) => ({
      key: `skip-${s.from}`,
      sort: s.from,
      color: s.kind === "holiday" ? "red" : "gray",
      content: `${rangeText(s.from, s.to)}　${DAY_KIND_LABELS[s.kind]}${s.name ? `（${s.name}）` : ""}，跳过`,
    })),
    ...d.makeupWorkdays.map((m) => ({
      key: `makeup-${m.date}`,
      sort: m.date,
      color: "orange",
      content: `${formatDateZh(m.date)}　调休上班${m.name ? `（${m.name}）` : ""}，计为工作日`,
    })),
  ].sort((a, b) => a.sort.localeCompare(b.sort));

  return (
    <div data-testid="deadline-result">
      <Typography.Text type="secondary">
        {formatDateZh(d.startDate)} 受理，按{d.rule === "same_day" ? "" : " "}
        {ruleText(d.rule, d.n)}计算，到期时间：
      </Typography.Text>
      <div className="due-big" data-testid="deadline-due" data-due-date={d.dueDate}>
        {deadlineText(d.dueAt, d.timeZone)}
        {d.provisional && (
          <Tooltip
            title={`${d.provisionalYears.join("、")} 年的节假日安排尚未载入，暂按仅排除周末计算；载入后系统将重新核定。`}
          >
            <Tag
              color="warning"
              style={{ marginLeft: 12, verticalAlign: "middle" }}
              data-testid="deadline-provisional"
            >
              临时期限
            </Tag>
          </Tooltip>
        )}
      </div>
      <Alert
        type={d.provisional ? "warning" : "info"}
        title={d.explanation}
        style={{ margin: "12px 0" }}
        data-testid="deadline-explanation"
      />
      {d.weekendDaysSkipped > 0 && (
        <Typography.Paragraph type="secondary">
          另跳过 {d.weekendDaysSkipped} 个周末休息日。
        </Typography.Paragraph>
      )}
      {items.length > 0 && (
        <>
          <Typography.Text strong>期间的节假日与调休</Typography.Text>
          <Timeline
            style={{ marginTop: 12 }}
            data-testid="deadline-skipped"
            items={items.map(({ key, color, content }) => ({ key, color, content }))}
          />
        </>
      )}
    </div>
  );
}
