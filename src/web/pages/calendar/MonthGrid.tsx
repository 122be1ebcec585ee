import { dayjs } from "../../lib/time.js";
import { type DayMap, dayTitle, fallbackKind } from "./calendarData.js";

const WEEK_HEAD = ["一", "二", "三", "四", "五", "六", "日"];

interface Props {
  year: number;
  /** 0-based month. */
  month: number;
  days: DayMap;
  today: string;
  /** The one cell reachable with Tab (roving focus; arrows move between days). */
  focusDate: string;
  provisional: boolean;
  onPick?: (date: string) => void;
}

/** One month of the year view: Monday-first mini grid, each day coloured by its kind. */
export function MonthGrid({ year, month, days, today, focusDate, provisional, onPick }: Props) {
  const first = dayjs(`${year}-${String(month + 1).padStart(2, "0")}-01`);
  const lead = (first.day() + 6) % 7; // Monday-first offset
  const count = first.daysInMonth();
  const cells = Array.from({ length: count }, (_, i) => first.date(i + 1).format("YYYY-MM-DD"));
  const label = `${year}年${month + 1}月`;

  return (
    <section className="cal-month" aria-label={label}>
      <h3>{month + 1}月</h3>
      <div className="cal-grid">
        {WEEK_HEAD.map((w) => (
          <div key={w} className="cal-weekday" aria-hidden>
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          const day = days.get(date);
          const kind = day?.kind ?? fallbackKind(date);
          const cls = [
            "cal-day",
            `kind-${kind}`,
            date === today ? "cal-today" : "",
            provisional ? "kind-provisional" : "",
          ].join(" ");
          const common = {
            className: cls,
            title: dayTitle(date, day),
            "aria-label": dayTitle(date, day),
            "data-testid": "cal-day",
            "data-date": date,
            "data-kind": kind,
            // The 1st sits under its weekday; the rest flow after it.
            style: i === 0 ? { gridColumnStart: lead + 1 } : undefined,
          };
          const num = Number(date.slice(8));
          return onPick ? (
            <button
              key={date}
              type="button"
              {...common}
              tabIndex={date === focusDate ? 0 : -1}
              onClick={() => onPick(date)}
            >
              {num}
            </button>
          ) : (
            <div key={date} role="img" {...common}>
              {num}
            </div>
          );
        })}
      </div>
    </section>
  );
}
