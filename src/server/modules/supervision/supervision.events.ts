/**
 * A 催办, 督办单 or 通报 was recorded (by the sweep or by hand), inside the transaction that
 * wrote it: what statistics build on (supervision orders and 通报 per department, docs/metrics.md).
 */
export interface SupervisionRecorded {
  centerId: string;
  appealId: string;
  kind: "reminder" | "supervision" | "notice";
  /** The department the record is addressed to, when one. */
  departmentId: string | null;
  at: Date;
  /** The center's time zone, as the recorder read it with its rules. */
  timeZone?: string;
}

declare module "../../lib/events.js" {
  interface DomainEventMap {
    "supervision.recorded": SupervisionRecorded;
  }
}
