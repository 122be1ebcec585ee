import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateDepartmentBody, UpdateDepartmentBody } from "../../contracts/accounts.js";
import { api } from "./client.js";
import type { Department } from "./types.js";

/** The department form: a creation body, plus 启用 when editing. */
export type DepartmentInput = CreateDepartmentBody & Pick<UpdateDepartmentBody, "active">;

export function useDepartments(params: { q?: string; includeInactive?: boolean } = {}) {
  return useQuery({
    queryKey: ["departments", params],
    queryFn: () =>
      api<Department[]>("/departments", {
        query: { q: params.q, includeInactive: params.includeInactive ? "true" : undefined },
      }),
  });
}

export function useSaveDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<DepartmentInput> & { id?: string }) =>
      id
        ? api<Department>(`/departments/${id}`, { method: "PATCH", body })
        : api<Department>("/departments", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["departments"] }),
  });
}
