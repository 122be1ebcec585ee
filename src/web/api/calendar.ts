import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DayKind, DeadlineRule } from "../../contracts/enums.js";
import { api, buildUrl } from "./client.js";
import type { CalendarDay, CalendarImportResult, CalendarYears, Deadline } from "./types.js";

export function useCalendarDays(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: ["calendar", "days", from, to],
    queryFn: () => api<CalendarDay[]>("/calendar/days", { query: { from, to } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCalendarYears() {
  return useQuery({
    queryKey: ["calendar", "years"],
    queryFn: () => api<CalendarYears>("/calendar/years"),
  });
}

function useInvalidateCalendar() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["calendar"] });
}

export function useSetCalendarDay() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ date, ...body }: { date: string; kind: DayKind; name?: string }) =>
      api<CalendarDay>(`/calendar/days/${date}`, { method: "PUT", body }),
    onSuccess: invalidate,
  });
}

/** A calendar file: JSON `{year, source, days}` or iCalendar text. */
export function useImportCalendar() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (file: { kind: "json"; body: unknown } | { kind: "ics"; text: string; year?: number }) =>
      file.kind === "json"
        ? api<CalendarImportResult>("/calendar/import", { method: "POST", body: file.body })
        : api<CalendarImportResult>("/calendar/import", {
            method: "POST",
            raw: { body: file.text, contentType: "text/calendar" },
            query: { year: file.year },
          }),
    onSuccess: invalidate,
  });
}

/** After entering a year's holidays by hand: mark the notice as loaded (provisional deadlines get recomputed). */
export function useMarkYearLoaded() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ year, source }: { year: number; source?: string }) =>
      api<{ year: number; alreadyLoaded: boolean }>(`/calendar/years/${year}`, {
        method: "PUT",
        body: source ? { source } : {},
      }),
    onSuccess: invalidate,
  });
}

export function exportUrl(year: number, format: "json" | "ics"): string {
  return buildUrl("/calendar/export", { year, format });
}

export interface DeadlineQuery {
  start: string;
  rule: DeadlineRule;
  /** Omitted for same_day. */
  n?: number;
}

export function fetchDeadline(q: DeadlineQuery): Promise<Deadline> {
  return api<Deadline>("/calendar/deadline", { query: { start: q.start, rule: q.rule, n: q.n } });
}

export function useDeadline(q: DeadlineQuery | null) {
  return useQuery({
    queryKey: ["calendar", "deadline", q],
    queryFn: () => fetchDeadline(q!),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
