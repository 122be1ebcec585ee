import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  Board,
  BoardItem,
  BoardQuery,
  BoardTarget,
  ManualSupervisionInput,
  SupervisionListQuery,
  SupervisionRecord,
  SweepResult,
} from "../../contracts/supervision.js";
import { api, buildUrl } from "./client.js";
import { useKeysetPages } from "./pages.js";
import type { Page } from "./types.js";

/** 督办中心: the supervisor board, the 催办 / 督办 / 通报 records and the manual actions (SUPERVISION_API). */

export type { Board, BoardItem, BoardTarget, SupervisionRecord, SweepResult };

/** The board's filters (the query without paging). */
export type BoardFilters = Omit<BoardQuery, "limit" | "cursor">;
/** The record lists' filters (the query without paging). */
export type RecordFilters = Omit<SupervisionListQuery, "limit" | "cursor">;

const PAGE = 50;

/**
 * The board: the summary per department comes with every page (the first page's is shown), the
 * items page by keyset. Lights and countdowns are the server's, so the board refreshes itself.
 */
export function useBoard(filters: BoardFilters) {
  return useKeysetPages<Board>(["supervision", "board", filters], "/supervision/board", filters, PAGE);
}

/** 催办记录 / 督办单 / 通报 lists, newest first. */
export function useSupervisionRecords(filters: RecordFilters) {
  return useKeysetPages<Page<SupervisionRecord>>(
    ["supervision", "items", filters],
    "/supervision/items",
    filters,
    PAGE,
  );
}

/** Every record about one board item (the 历史 drawer). */
export function useTargetHistory(target: { targetKind: BoardTarget; targetId: string } | null) {
  return useQuery({
    queryKey: ["supervision", "items", "target", target?.targetKind, target?.targetId],
    queryFn: ({ signal }) =>
      api<Page<SupervisionRecord>>("/supervision/items", {
        query: { targetKind: target?.targetKind, targetId: target?.targetId, limit: 200 },
        signal,
      }),
    enabled: !!target,
  });
}

function useInvalidateSupervision() {
  const qc = useQueryClient();
  // The appeal's timeline gains the event too, and a supervisor may be among the recipients.
  return () =>
    Promise.all(
      ["supervision", "appeals", "notifications"].map((k) => qc.invalidateQueries({ queryKey: [k] })),
    );
}

/** Manual 催办 (`reminder`) or 督办单 (`supervision`) on a board item. */
export function useManualSupervision() {
  const refresh = useInvalidateSupervision();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: "reminder" | "supervision"; body: ManualSupervisionInput }) =>
      api<SupervisionRecord>(kind === "reminder" ? "/supervision/reminders" : "/supervision/orders", {
        method: "POST",
        body,
      }),
    onSuccess: () => refresh(),
  });
}

/** Manual 通报 of an open supervision order. */
export function useNotice() {
  const refresh = useInvalidateSupervision();
  return useMutation({
    mutationFn: ({ orderId, note }: { orderId: string; note: string }) =>
      api<SupervisionRecord>(`/supervision/orders/${orderId}/notice`, { method: "POST", body: { note } }),
    onSuccess: () => refresh(),
  });
}

/** 立即巡检: run the reminder / supervision / notice sweep now instead of waiting for the timer. */
export function useSweep() {
  const refresh = useInvalidateSupervision();
  return useMutation({
    mutationFn: () => api<SweepResult>("/supervision/sweep", { method: "POST" }),
    onSuccess: () => refresh(),
  });
}

/** The printable 督办单 or 通报 (HTML), opened by the browser itself with the session cookie. */
export function supervisionPrintUrl(id: string): string {
  return `/api/v1/supervision/records/${id}/print`;
}

/** The .xlsx of a record list with the same filters, downloaded by the browser. */
export function supervisionExportUrl(filters: RecordFilters): string {
  return buildUrl("/supervision/items/export", { ...filters });
}
