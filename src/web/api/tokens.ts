import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedIntegrationToken, CreateIntegrationToken } from "../../contracts/accounts.js";
import { api } from "./client.js";
import type { IntegrationToken } from "./types.js";

/** The list may come as a bare array or as a page; accept both. */
function items(r: IntegrationToken[] | { items: IntegrationToken[] }): IntegrationToken[] {
  return Array.isArray(r) ? r : r.items;
}

export function useIntegrationTokens() {
  return useQuery({
    queryKey: ["integration-tokens"],
    queryFn: async () =>
      items(await api<IntegrationToken[] | { items: IntegrationToken[] }>("/integration-tokens")),
  });
}

export function useCreateIntegrationToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIntegrationToken) =>
      api<CreatedIntegrationToken>("/integration-tokens", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["integration-tokens"] }),
  });
}

export function useRevokeIntegrationToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/integration-tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["integration-tokens"] }),
  });
}
