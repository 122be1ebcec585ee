import { Alert, Tag, Timeline, Tooltip, Typography } from "antd";
import { DAY_KIND_LABELS, DEADLINE_RULE_LABELS } from "../../contracts/enums.js";
import type { Deadline } from "../api/types.js";
import { formatDueZh } from "../lib/time.js";
import { describeDates } from "../pages/calendar/calendarData.js";

export function ruleText(rule: Deadline["rule"], n: number): string {
  return rule === "same_day" ? "当日办结" : `${n} 个${DEADLINE_RULE_LABELS[rule]}`;
}

function rangeText(from: string, to: string): string {
  const dates = from === to ? [from] : [from, to];
  return from === to
    ? describeDates(dates, true)
    : `${describeDates([from], true)}至${describeDates([to], true)}`;
}

/** A computed deadline: the due time in large type, the provisional flag, the why. */
export function DeadlineResult({ d }: { d: Deadline }) {
  return (
    <div data-testid="deadline-result">
      <Typography.Text type="secondary">到期时间（{ruleText(d.rule, d.n)}）</Typography.Text>
      <div className="due-big" data-testid="deadline-due">
        {formatDueZh(d.dueDate, d.dueAt)}
        {d.provisional && (
          <Tooltip title="所涉年份的节假日安排尚未载入，暂按仅排除周末计算；载入后请重新核对。">
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
      {d.skipped.length > 0 && (
        <>
          <Typography.Text strong>期间跳过的非工作日</Typography.Text>
          <Timeline
            style={{ marginTop: 12 }}
            items={d.skipped.map((s) => ({
              key: `${s.from}-${s.to}`,
              color: s.kind === "holiday" ? "red" : "gray",
              content: `${rangeText(s.from, s.to)} ${DAY_KIND_LABELS[s.kind]}${s.name ? `（${s.name}）` : ""}`,
            }))}
          />
        </>
      )}
    </div>
  );
}
