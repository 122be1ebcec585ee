import { Alert, Card, Skeleton, Typography } from "antd";
import { Link } from "react-router";
import { useCalendarDays, useCalendarYears } from "../../api/calendar.js";
import { errorMessage } from "../../api/client.js";
import type { CalendarDay } from "../../api/types.js";
import { useSession } from "../../auth/session.js";
import { centerToday, dayjs, formatDateZh } from "../../lib/time.js";
import { describeDates, holidayGroups } from "../calendar/calendarData.js";

function todayText(d: CalendarDay): string {
  const name = d.name ? `（${d.name}）` : "";
  switch (d.kind) {
    case "holiday":
      return `今天是法定节假日${name}`;
    case "makeup_workday":
      return `今天是调休上班日${name}，按工作日计算期限`;
    case "weekend":
      return "今天是休息日";
    default:
      return "今天是工作日";
  }
}

/** Today's calendar status and the holidays of the next weeks, read from the center's calendar. */
export function TodayCard() {
  const { hasRole } = useSession();
  const today = centerToday();
  const until = dayjs(today).add(45, "day").format("YYYY-MM-DD");
  const days = useCalendarDays(today, until);
  const years = useCalendarYears();
  const d = days.data?.find((x) => x.date === today);
  const nextWorking = d && !d.working ? days.data?.find((x) => x.date > today && x.working) : undefined;
  const upcoming = holidayGroups(days.data?.filter((x) => x.date > today && x.kind === "holiday"));

  return (
    <Card title={formatDateZh(today)} data-testid="today-card">
      {days.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {days.isError && <Alert type="error" showIcon title={`日历加载失败：${errorMessage(days.error)}`} />}
      {d && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="today-status" data-kind={d.kind}>
            {todayText(d)}
          </Typography.Title>
          {nextWorking && (
            <Typography.Paragraph>下一个工作日：{formatDateZh(nextWorking.date)}</Typography.Paragraph>
          )}
          {upcoming.length > 0 && (
            <Typography.Paragraph type="secondary">
              近期节假日：
              {upcoming.map((g) => `${g.name} ${describeDates(g.holidays)}`).join("；")}
            </Typography.Paragraph>
          )}
        </>
      )}
      {hasRole("admin") && years.data?.warning && (
        <Alert
          type="warning"
          showIcon
          title={years.data.warning}
          action={<Link to={`/admin/calendar?year=${Number(today.slice(0, 4)) + 1}`}>去设置</Link>}
        />
      )}
    </Card>
  );
}
