"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/select-field";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/records/encode";

type ExportState =
  | { phase: "idle" }
  | { phase: "running"; received: number; total: number | null }
  | { phase: "done"; rows: number }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

/**
 * Downloads the filtered records. The browser fetches the export stream itself, so it can show
 * rows received against the total the server announces (X-Total-Count) and offer Cancel; the
 * bytes are saved as a file when the stream ends. Rows are counted by line ends (one per record).
 */
export function ExportPanel({ workspaceId, filters }: { workspaceId: string; filters: Record<string, string> }) {
  const t = useTranslations("records.export");
  const locale = useLocale();
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [state, setState] = useState<ExportState>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "running", received: 0, total: null });
    try {
      const query = new URLSearchParams({ ...filters, format });
      const response = await fetch(`/${locale}/w/${workspaceId}/records/export?${query}`, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ phase: "failed", message: body?.error?.message ?? t("failed") });
        return;
      }
      const total = Number(response.headers.get("x-total-count") ?? NaN);
      const reader = response.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) lines++;
        const received = format === "csv" ? Math.max(0, lines - 1) : lines;
        setState({ phase: "running", received, total: Number.isFinite(total) ? total : null });
      }
      const rows = format === "csv" ? Math.max(0, lines - 1) : lines;
      const file = URL.createObjectURL(new Blob(parts, { type: response.headers.get("content-type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = file;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `consent-records.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(file), 60_000);
      setState({ phase: "done", rows });
    } catch (error) {
      setState(controller.signal.aborted ? { phase: "cancelled" } : { phase: "failed", message: error instanceof Error ? error.message : t("failed") });
    } finally {
      abort.current = null;
    }
  }

  const running = state.phase === "running";
  return (
    <section aria-labelledby="records-export-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="records-export-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t("format")}
          name="format"
          value={format}
          disabled={running}
          onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}
          options={EXPORT_FORMATS.map((value) => ({ value, label: t(`formats.${value}`) }))}
        />
        {running ? (
          <button type="button" className={buttonClass("danger")} onClick={() => abort.current?.abort()}>
            {t("cancel")}
          </button>
        ) : (
          <button type="button" className={buttonClass("secondary")} onClick={() => void run()}>
            {t("start")}
          </button>
        )}
      </div>
      {running ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="records-export-progress" className="text-sm">
            {state.total === null ? t("receivedOnly", { received: state.received }) : t("progress", { received: state.received, total: state.total })}
          </label>
          <progress id="records-export-progress" className="w-full" value={state.received} max={state.total ?? undefined} />
        </div>
      ) : null}
      <p role="status" className="text-sm" data-testid="export-status">
        {state.phase === "done" ? t("done", { rows: state.rows }) : state.phase === "cancelled" ? t("cancelled") : ""}
      </p>
      {state.phase === "failed" ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
