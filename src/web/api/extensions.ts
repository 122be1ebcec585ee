import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateExtensionBody, Extension } from "../../contracts/work-orders.js";
import { api } from "./client.js";

/** 延期: the department asks, the reviewer approves (new limit told to the requester) or denies. */

export type { Extension };

export function useExtensions(status?: Extension["status"]) {
  return useQuery({
    queryKey: ["extensions", status],
    queryFn: ({ signal }) => api<Extension[]>("/extensions", { query: { status }, signal }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all(["extensions", "work-orders", "appeals"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

export function useRequestExtension() {
  const refresh = useInvalidate();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: CreateExtensionBody }) =>
      api<Extension>(`/work-orders/${workOrderId}/extensions`, { method: "POST", body }),
    onSuccess: () => refresh(),
  });
}

export function useDecideExtension() {
  const refresh = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: "approve" | "deny"; note?: string }) =>
      api<Extension>(`/extensions/${id}/${decision}`, { method: "POST", body: { note } }),
    onSuccess: () => refresh(),
  });
}
