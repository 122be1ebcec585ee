import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CalendarDayUpdate, DeadlineSpec, MarkYearResult } from "../../contracts/calendar.js";
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
    mutationFn: ({ date, ...body }: CalendarDayUpdate & { date: string }) =>
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
      api<MarkYearResult>(`/calendar/years/${year}`, {
        method: "PUT",
        body: source ? { source } : {},
      }),
    onSuccess: invalidate,
  });
}

export function exportUrl(year: number, format: "json" | "ics"): string {
  return buildUrl("/calendar/export", { year, format });
}

/** The calculator's question: a rule and its N (omitted for same_day) from a start instant or date. */
export type DeadlineQuery = DeadlineSpec & { start: string };

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
