/**
 * The minutes of one meeting as an A4 page: what the print stylesheet puts on paper, and a PDF made from
 * the same document. Reachable by everyone who may see the meeting (the minutes-taker prints it from the room).
 */
import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { meetingsApi } from "../../api";
import { defineMessages } from "../../i18n";
import { tenantOf } from "../../session";
import { Layout } from "../../ui/layout";
import { ResourceView } from "../../ui/resource-view";
import { buildMinutesDoc } from "./minutes-build";
import { CHAIR_LABEL, type MinutesDoc, paragraphs, pdfFileName, TAKER_LABEL } from "./minutes-doc";
import { createPdfDownload } from "./pdf-download";
import { SheetHeader } from "./sheet-header";
import "./minutes.css";

const t = defineMessages(
  {
    print: "In biên bản",
    pdf: "Tải PDF",
    making: "Đang tạo PDF…",
    back: "Về trang cuộc họp",
    draft: "Bản nháp: cuộc họp chưa kết thúc, biên bản còn có thể thay đổi.",
    empty: "Biên bản chưa có nội dung.",
    notFrozen: "Cuộc họp đã kết thúc nhưng chưa có biên bản được lưu.",
  },
  {
    print: "Print the minutes",
    pdf: "Download PDF",
    making: "Making the PDF…",
    back: "Back to the meeting",
    draft: "Draft: the meeting is not closed, the minutes may still change.",
    empty: "The minutes are empty.",
    notFrozen: "The meeting is closed but no minutes were saved.",
  },
);

export function MinutesSheet(props: { doc: MinutesDoc }) {
  return (
    <article class="a4" lang="vi">
      <SheetHeader head={props.doc} />
      <div class="a4-body">
        <For each={paragraphs(props.doc.body)}>
          {(lines) => (
            <p>
              <For each={lines}>
                {(line, i) => (
                  <>
                    <Show when={i() > 0}>
                      <br />
                    </Show>
                    {line}
                  </>
                )}
              </For>
            </p>
          )}
        </For>
      </div>
      <footer class="a4-signatures">
        <div>
          <p class="strong">{TAKER_LABEL}</p>
          <p class="a4-sign-space" />
          <p class="strong">{props.doc.minutesTakerName}</p>
        </div>
        <div>
          <p class="strong">{CHAIR_LABEL}</p>
          <p class="a4-sign-space" />
          <p class="strong">{props.doc.chairName}</p>
        </div>
      </footer>
      <p class="a4-version">{props.doc.versionNote}</p>
    </article>
  );
}

export default function MinutesPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const [data, { refetch }] = createResource(
    () => ({ t: params.tenantId, m: params.meetingId }),
    async (q) => {
      const [meeting, minutes] = await Promise.all([meetingsApi.get(q.t, q.m), meetingsApi.minutes(q.t, q.m)]);
      return { meeting, minutes };
    },
  );
  const { making, download } = createPdfDownload();
  const downloadPdf = (doc: MinutesDoc, scheduledAt: string) =>
    download(async () => {
      const { downloadMinutesPdf } = await import("./minutes-pdf");
      await downloadMinutesPdf(doc, pdfFileName(doc.branch, scheduledAt));
    });

  return (
    <Layout wide>
      <ResourceView resource={data} onRetry={() => void refetch()}>
        {(d) => {
          const doc = buildMinutesDoc(d.meeting, d.minutes, tenantOf(params.tenantId)?.name ?? "");
          return (
            <>
              <div class="actions no-print">
                <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                  {t("print")}
                </button>
                <button
                  type="button"
                  class="btn"
                  disabled={making()}
                  onClick={() => void downloadPdf(doc, d.meeting.scheduledAt)}
                >
                  {making() ? t("making") : t("pdf")}
                </button>
                <A href={`/t/${params.tenantId}/meetings/${params.meetingId}`}>{t("back")}</A>
              </div>
              <Show when={!d.minutes.latest}>
                <p class="notice notice-warn no-print">{d.meeting.status === "closed" ? t("notFrozen") : t("draft")}</p>
              </Show>
              <Show when={d.minutes.latest && !d.minutes.latest.body.trim()}>
                <p class="notice no-print">{t("empty")}</p>
              </Show>
              <MinutesSheet doc={doc} />
            </>
          );
        }}
      </ResourceView>
    </Layout>
  );
}
