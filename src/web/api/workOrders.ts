import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Appeal, Complexity } from "../../contracts/appeals.js";
import type {
  CloseAppealBody,
  DispatchBody,
  DispatchPreview,
  OpinionBody,
  ReferBody,
  ReopenBody,
  ReplyBody,
  ReturnBody,
  ReworkBody,
  SignBody,
  TransferBody,
  WorkOrder,
  WorkOrderStatus,
  WorkOrderSummary,
} from "../../contracts/work-orders.js";
import { api } from "./client.js";
import type { Page } from "./types.js";

/** 审核 · 分办 · 办理: the 工作单 and the appeal-level handling actions (API.md work orders). */

export type { DispatchBody, DispatchPreview, WorkOrder, WorkOrderSummary };

export function useDispatchPreview(appealId: string | undefined, complexity: Complexity | undefined) {
  return useQuery({
    queryKey: ["dispatch-preview", appealId, complexity],
    queryFn: ({ signal }) =>
      api<DispatchPreview>(`/appeals/${appealId}/dispatch-preview`, { query: { complexity }, signal }),
    enabled: !!appealId && !!complexity,
    retry: false,
  });
}

/** Invalidates everything a handling step can change (appeals, orders, extensions, plans). */
function useRefreshAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      ["appeals", "work-orders", "extensions", "plans"].map((k) => qc.invalidateQueries({ queryKey: [k] })),
    );
}

export function useDispatch() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ appealId, body }: { appealId: string; body: DispatchBody }) =>
      api<WorkOrder>(`/appeals/${appealId}/dispatch`, { method: "POST", body }),
    onSuccess: () => refresh(),
  });
}

export function useAppealWorkOrders(appealId: string | undefined) {
  return useQuery({
    queryKey: ["work-orders", "appeal", appealId],
    queryFn: ({ signal }) => api<WorkOrder[]>(`/appeals/${appealId}/work-orders`, { signal }),
    enabled: !!appealId,
  });
}

/** The department's inbox (`department=mine`), by work-order status. */
export function useMyWorkOrders(status: WorkOrderStatus | "open" | undefined) {
  return useQuery({
    queryKey: ["work-orders", "mine", status],
    queryFn: ({ signal }) =>
      api<Page<WorkOrderSummary>>("/work-orders", {
        query: { department: "mine", status, limit: 200 },
        signal,
      }),
    refetchInterval: 60_000,
  });
}

export function useWorkOrder(id: string | undefined) {
  return useQuery({
    queryKey: ["work-orders", "one", id],
    queryFn: ({ signal }) => api<WorkOrder>(`/work-orders/${id}`, { signal }),
    enabled: !!id,
  });
}

/** The printable 工作单 (A4 HTML), opened by the browser itself with the session cookie. */
export function workOrderPrintUrl(id: string, revealReason?: string): string {
  const q = revealReason ? `?revealReason=${encodeURIComponent(revealReason)}` : "";
  return `/api/v1/work-orders/${id}/print${q}`;
}

/** Opens the printable 工作单; with a reason, the full phone number (logged by the server). */
export function openWorkOrderPrint(id: string, revealReason?: string): void {
  window.open(workOrderPrintUrl(id, revealReason), "_blank", "noopener");
}

export type DepartmentAction =
  | { kind: "sign"; body: SignBody }
  | { kind: "return"; body: ReturnBody }
  | { kind: "opinion"; body: OpinionBody }
  | { kind: "reply"; body: ReplyBody };

export function useDepartmentAction() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: DepartmentAction }) =>
      api<WorkOrder>(`/work-orders/${id}/${action.kind}`, { method: "POST", body: action.body }),
    onSuccess: () => refresh(),
  });
}

export type HandlingAction =
  | { kind: "close"; body: CloseAppealBody }
  | { kind: "rework"; body: ReworkBody }
  | { kind: "reopen"; body: ReopenBody }
  | { kind: "transfer"; body: TransferBody }
  | { kind: "refer"; body: ReferBody };

export function useHandlingAction() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ appealId, action }: { appealId: string; action: HandlingAction }) =>
      api<Appeal>(`/appeals/${appealId}/${action.kind}`, { method: "POST", body: action.body }),
    onSuccess: () => refresh(),
  });
}
