import { Card, DatePicker, Flex, Typography } from "antd";
import type { Dayjs } from "dayjs";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";
import { centerToday, dayjs, formatDateZh } from "../lib/time.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period kept in the URL (?from=…&to=…, local dates), this month so far by default. */
export function usePeriod(): { from: string; to: string; setPeriod: (from: string, to: string) => void } {
  const [sp, setSp] = useSearchParams();
  const today = centerToday();
  const from = DATE.test(sp.get("from") ?? "") ? sp.get("from")! : `${today.slice(0, 7)}-01`;
  const to = DATE.test(sp.get("to") ?? "") ? sp.get("to")! : today;
  return { from, to, setPeriod: (f, t) => setSp({ from: f, to: t }, { replace: true }) };
}

/** The range picker of a report page, bound to usePeriod(). */
export function PeriodPicker({ period, testId }: { period: ReturnType<typeof usePeriod>; testId: string }) {
  return (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(period.from), dayjs(period.to)]}
      onChange={(v) => {
        const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
        if (a && b) period.setPeriod(a.format("YYYY-MM-DD"), b.format("YYYY-MM-DD"));
      }}
      data-testid={testId}
    />
  );
}

/**
 * The bar at the top of a report page: what the period is, the picker, the period in words with
 * `note` after it, and `extra` (e.g. an export button) at the end.
 */
export function PeriodBar(props: {
  label: string;
  period: ReturnType<typeof usePeriod>;
  testId: string;
  note: ReactNode;
  extra?: ReactNode;
}) {
  const { from, to } = props.period;
  return (
    <Card size="small">
      <Flex gap={12} wrap align="center">
        <span>{props.label}</span>
        <PeriodPicker period={props.period} testId={props.testId} />
        <Typography.Text type="secondary">
          {formatDateZh(from, false)} 至 {formatDateZh(to, false)}
          {props.note}
        </Typography.Text>
        {props.extra}
      </Flex>
    </Card>
  );
}
