/** From the API's meeting and minutes to the document both the sheet and the PDF render. */
import type { Meeting, MeetingMinutes } from "../../api/meeting-types";
import { vietnameseDate, vietnameseMonth, type MinutesDoc } from "./minutes-doc";

const DOTS = "…………………";

export function buildMinutesDoc(meeting: Meeting, minutes: MeetingMinutes, tenantName: string): MinutesDoc {
  const kind = meeting.kind === "regular" ? "Sinh hoạt chi bộ thường kỳ" : "Sinh hoạt chi bộ chuyên đề";
  // The place line names the locality; without one, the date alone.
  const locality = meeting.place.split(",").map((s) => s.trim()).filter(Boolean).pop() ?? "";
  const version =
    minutes.status === "approved"
      ? `Bản ${minutes.version ?? 1} · đã thông qua`
      : minutes.status === "frozen"
        ? `Bản ${minutes.version ?? 1} · đã chốt khi kết thúc cuộc họp`
        : "Bản nháp";
  return {
    superior: tenantName,
    branch: meeting.organizationName,
    placeDate: `${locality ? `${locality}, ` : ""}${vietnameseDate(meeting.scheduledAt)}`,
    title: "BIÊN BẢN",
    subtitle: `${kind} ${vietnameseMonth(meeting.scheduledAt)}${meeting.kind === "thematic" ? `: ${meeting.topic}` : ""}`,
    body: minutes.body,
    chairName: meeting.chairName ?? DOTS,
    minutesTakerName: meeting.minutesTakerName ?? DOTS,
    versionNote: version,
  };
}
