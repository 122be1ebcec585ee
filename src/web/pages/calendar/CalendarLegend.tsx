import { DAY_KIND_LABELS, DAY_KINDS } from "../../../contracts/enums.js";

export function CalendarLegend({ provisional }: { provisional?: boolean }) {
  return (
    <div className="cal-legend">
      {DAY_KINDS.map((k) => (
        <span key={k}>
          <span className={`cal-swatch kind-${k}`} aria-hidden />
          {DAY_KIND_LABELS[k]}
        </span>
      ))}
      {provisional && (
        <span>
          <span className="cal-swatch kind-workday kind-provisional" aria-hidden />
          未载入通知（仅按周末计算）
        </span>
      )}
    </div>
  );
}
