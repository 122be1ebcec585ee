/** A phone number as a tap-to-call link (digits and dashes only; anything else stays text). */
export function Phone({ number, label }: { number: string; label?: string }) {
  const digits = number.replace(/[^\d-]/g, "");
  if (!/^\d[\d-]{2,}$/.test(number.trim())) return <>{number}</>;
  return (
    <a className="pt-tel" href={`tel:${digits}`}>
      {label ? `${label} ` : ""}
      {number}
    </a>
  );
}

/** The four emergency hotlines, always one tap away. */
export function EmergencyBar() {
  return (
    <aside className="pt-emergency" aria-label="紧急求助">
      <strong>遇紧急情况请直接拨打：</strong>
      <span className="pt-emergency-list">
        <a href="tel:110">110 报警</a>
        <a href="tel:119">119 火警</a>
        <a href="tel:120">120 急救</a>
        <a href="tel:122">122 交通事故</a>
      </span>
    </aside>
  );
}
