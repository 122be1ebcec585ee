import { Space, Tooltip, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { Light } from "../../contracts/appeals.js";
import { WorkCalendar } from "../../core/calendar.js";
import { parseDate } from "../../core/calendar-date.js";
import { useCalendarDays } from "../api/calendar.js";
import { LIGHT_COLORS, lightName } from "../lib/lights.js";
import { centerTimeZone, centerToday, dayjs, deadlineText } from "../lib/time.js";
import { dueDisplay, type KnownCalendar } from "./dueDisplay.js";

/** The current time, ticking every `ms` so countdowns move while a screen stays open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Days before and after today whose kinds the console loads for countdowns. */
const BEHIND = 90;
const AHEAD = 120;

/**
 * The center's working-day calendar around today (one cached query shared by every countdown on
 * screen), as the core's WorkCalendar; null until it has loaded. Outside [from, to] it would only
 * know weekends, so countdowns there are not shown.
 */
export function useWorkCalendar(): KnownCalendar | null {
  const today = centerToday();
  const from = dayjs(today).subtract(BEHIND, "day").format("YYYY-MM-DD");
  const to = dayjs(today).add(AHEAD, "day").format("YYYY-MM-DD");
  const days = useCalendarDays(from, to);
  return useMemo(
    () =>
      days.data
        ? { calendar: WorkCalendar.build(days.data, []), from: parseDate(from), to: parseDate(to) }
        : null,
    [days.data, from, to],
  );
}

export function LightDot({ light }: { light: Light }) {
  return (
    <span
      role="img"
      aria-label={lightName(light)}
      title={lightName(light)}
      data-light={light}
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: "50%",
        background: LIGHT_COLORS[light],
        verticalAlign: "-1px",
      }}
    />
  );
}

/**
 * A deadline with its light and working-time countdown ("剩余 1 个工作日（…截止）"). `compact`
 * (tables) leaves the due date to the tooltip.
 */
export function DueLight({
  at,
  light,
  provisional,
  explanation,
  compact,
}: {
  at: string;
  light?: Light;
  provisional?: boolean;
  explanation?: string | null;
  compact?: boolean;
}) {
  const now = useNow();
  const known = useWorkCalendar();
  const tz = centerTimeZone();
  const d = dueDisplay(new Date(at), new Date(now), tz, known, light, !compact);
  const body = (
    <Space size={6} data-testid="due-light" data-light={d.light}>
      <LightDot light={d.light} />
      <Typography.Text type={d.light === "red" ? "danger" : undefined}>{d.text}</Typography.Text>
      {provisional && <Typography.Text type="warning">（临时期限）</Typography.Text>}
    </Space>
  );
  const tip = [compact ? `${deadlineText(at, tz)} 截止` : null, explanation].filter(Boolean).join("；");
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
}
