import { Space, Tooltip, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useCalendarDays } from "../api/calendar.js";
import { centerTimeZone, centerToday, dayjs } from "../lib/time.js";
import { countdownText, deadlineZh, type IsWorking, type Light, lightOf } from "./dueCountdown.js";

const COLORS: Record<Light, string> = { red: "#ff4d4f", yellow: "#faad14", green: "#52c41a" };
const NAMES: Record<Light, string> = {
  red: "红灯：已超期",
  yellow: "黄灯：今日到期",
  green: "绿灯：时间充足",
};

/** The current time, ticking every `ms` so countdowns move while a screen stays open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The center's working days around today (one cached query shared by every countdown on screen). */
export function useIsWorking(): IsWorking {
  const today = centerToday();
  const from = dayjs(today).subtract(60, "day").format("YYYY-MM-DD");
  const to = dayjs(today).add(90, "day").format("YYYY-MM-DD");
  const days = useCalendarDays(from, to);
  return useMemo(() => {
    const map = new Map((days.data ?? []).map((d) => [d.date, d.working]));
    return (date: string) => map.get(date);
  }, [days.data]);
}

export function LightDot({ light }: { light: Light }) {
  return (
    <span
      role="img"
      aria-label={NAMES[light]}
      title={NAMES[light]}
      data-light={light}
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: "50%",
        background: COLORS[light],
        verticalAlign: "-1px",
      }}
    />
  );
}

/**
 * A deadline with its light and working-time countdown ("剩余 1 个工作日（…截止）"). `light`
 * from the server (the inbox) wins over the browser's own reckoning. `compact` (tables) leaves
 * the due date to the tooltip.
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
  const isWorking = useIsWorking();
  const tz = centerTimeZone();
  const due = dayjs(at).valueOf();
  const l = light ?? lightOf(due, now, tz);
  const text = countdownText(due, now, tz, isWorking, !compact);
  const body = (
    <Space size={6} data-testid="due-light" data-light={l}>
      <LightDot light={l} />
      <Typography.Text type={l === "red" ? "danger" : undefined}>{text}</Typography.Text>
      {provisional && <Typography.Text type="warning">（临时期限）</Typography.Text>}
    </Space>
  );
  const tip = [compact ? `${deadlineZh(at, tz)} 截止` : null, explanation].filter(Boolean).join("；");
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
}
