import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CallOutcome, CallTask } from "../../contracts/notifications.js";
import type { TodoItem, TodoSection, Todos } from "../../contracts/workbench.js";
import { api } from "./client.js";

/** The 工作台 to-do lists (GET /todos) and the calls to make (电话告知). */

export type { TodoItem, TodoSection, Todos };

export function useTodos(limit = 10) {
  return useQuery({
    queryKey: ["todos", limit],
    queryFn: ({ signal }) => api<Todos>("/todos", { query: { limit }, signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useRecordCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CallOutcome }) =>
      api<CallTask>(`/calls/${id}/outcome`, { method: "POST", body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["todos"] }),
  });
}
