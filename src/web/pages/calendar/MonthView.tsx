import { Calendar } from "antd";
import { DAY_KIND_LABELS } from "../../../contracts/enums.js";
import type { Dayjs } from "../../lib/time.js";
import { type DayMap, dayTitle, fallbackKind } from "./calendarData.js";

interface Props {
  value: Dayjs;
  days: DayMap;
  today: string;
  provisional: boolean;
  onChange: (d: Dayjs) => void;
  onPick?: (date: string) => void;
}

/** Month view on antd's Calendar: big cells with the kind and the holiday name. */
export function MonthView({ value, days, today, provisional, onChange, onPick }: Props) {
  return (
    <Calendar
      value={value}
      mode="month"
      onPanelChange={(d) => onChange(d)}
      onSelect={(d, info) => {
        onChange(d);
        if (info.source === "date" && onPick) onPick(d.format("YYYY-MM-DD"));
      }}
      fullCellRender={(current: Dayjs, info) => {
        if (info.type !== "date") return info.originNode;
        const date = current.format("YYYY-MM-DD");
        const day = days.get(date);
        const kind = day?.kind ?? fallbackKind(date);
        const outside = !current.isSame(value, "month");
        const cls = [
          "cal-month-cell",
          `kind-${kind}`,
          onPick ? "editable" : "",
          outside ? "outside" : "",
          date === today ? "cal-today" : "",
          provisional ? "kind-provisional" : "",
        ].join(" ");
        const showKind = kind !== "workday";
        return (
          <div
            className={cls}
            title={dayTitle(date, day)}
            data-testid="cal-month-day"
            data-date={date}
            data-kind={kind}
          >
            <span className="num">{current.date()}</span>
            {(day?.name || showKind) && (
              <span className="label">
                {day?.name ? `${day.name} ${DAY_KIND_LABELS[kind]}` : DAY_KIND_LABELS[kind]}
              </span>
            )}
          </div>
        );
      }}
    />
  );
}
