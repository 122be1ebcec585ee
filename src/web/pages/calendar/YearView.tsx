import { type KeyboardEvent, useState } from "react";
import { dayjs } from "../../lib/time.js";
import type { DayMap } from "./calendarData.js";
import { MonthGrid } from "./MonthGrid.js";

const STEP: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

interface Props {
  year: number;
  days: DayMap;
  today: string;
  provisional: boolean;
  onPick?: (date: string) => void;
}

/** Twelve month grids. Arrow keys move between days, Enter/Space opens the day. */
export function YearView({ year, days, today, provisional, onPick }: Props) {
  const [focusDate, setFocusDate] = useState(() => (today.startsWith(`${year}-`) ? today : `${year}-01-01`));
  const focus = focusDate.startsWith(`${year}-`) ? focusDate : `${year}-01-01`;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEP[e.key];
    const from = (e.target as HTMLElement).dataset.date;
    if (!step || !from) return;
    const next = dayjs(from).add(step, "day");
    if (next.year() !== year) return;
    e.preventDefault();
    const date = next.format("YYYY-MM-DD");
    setFocusDate(date);
    e.currentTarget.querySelector<HTMLElement>(`[data-date="${date}"]`)?.focus();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates arrow keys to the day buttons inside
    <div className="cal-year" onKeyDown={onKeyDown}>
      {Array.from({ length: 12 }, (_, m) => (
        <MonthGrid
          // biome-ignore lint/suspicious/noArrayIndexKey: the twelve months are fixed
          key={m}
          year={year}
          month={m}
          days={days}
          today={today}
          focusDate={focus}
          provisional={provisional}
          onPick={onPick}
        />
      ))}
    </div>
  );
}
