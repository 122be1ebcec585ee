import { DatePicker } from "antd";
import { useSearchParams } from "react-router";
import { ASSESSMENT_INDICATOR_LABELS, ASSESSMENT_INDICATORS } from "../../../contracts/assessment.js";
import type { Assessment } from "../../api/assessment.js";
import { centerToday, dayjs } from "../../lib/time.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month in the URL (?month=YYYY-MM), this month by default. */
export function useMonth(): [string, (m: string) => void] {
  const [sp, setSp] = useSearchParams();
  const current = centerToday().slice(0, 7);
  const raw = sp.get("month") ?? "";
  const month = MONTH.test(raw) && raw <= current ? raw : current;
  return [month, (m) => setSp({ month: m }, { replace: true })];
}

/** How the score is counted, with the weights in force (docs/metrics.md "Assessment"). */
export function ruleText(w: Assessment["weights"]): string {
  const parts = ASSESSMENT_INDICATORS.filter((k) => w[k] > 0).map(
    (k) => `${ASSESSMENT_INDICATOR_LABELS[k]} ${w[k]}`,
  );
  return (
    `计分：${parts.join("、")}（满分 100，某项无数据时其权重按比例分配给其余指标），` +
    `每件督办扣 ${w.supervisionDeduction} 分、每件通报扣 ${w.noticeDeduction} 分，最低 0 分；得分相同名次并列。`
  );
}

export function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  const current = centerToday().slice(0, 7);
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      disabledDate={(d) => d.format("YYYY-MM") > current}
      onChange={(d) => d && onChange(d.format("YYYY-MM"))}
      data-testid="assessment-month"
    />
  );
}
