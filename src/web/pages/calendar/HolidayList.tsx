import { Empty, Typography } from "antd";
import type { CalendarDay } from "../../api/types.js";
import { describeDates, holidayGroups } from "./calendarData.js";

/** The year's holidays as the notice reads them: which days off, which weekend days worked. */
export function HolidayList({ days, year }: { days: CalendarDay[] | undefined; year: number }) {
  const groups = holidayGroups(days);
  if (groups.length === 0) {
    return (
      <Empty description={`${year} 年没有登记节假日或调休上班日`} image={Empty.PRESENTED_IMAGE_SIMPLE} />
    );
  }
  return (
    <ul className="holiday-list" data-testid="holiday-list">
      {groups.map((g) => (
        <li key={g.name}>
          <Typography.Text strong>{g.name}</Typography.Text>
          {g.holidays.length > 0 && (
            <div>
              <Typography.Text type="danger">放假：</Typography.Text>
              {describeDates(g.holidays)}，共 {g.holidays.length} 天
            </div>
          )}
          {g.makeups.length > 0 && (
            <div>
              <Typography.Text style={{ color: "#d46b08" }}>调休上班：</Typography.Text>
              {describeDates(g.makeups, true)}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
