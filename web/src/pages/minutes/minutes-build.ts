/** From the API's meeting and minutes to the document both the sheet and the PDF render. */
import type { Meeting, MeetingMinutes } from "../../../../schema/api/meetings";
import { type MinutesDoc, placeDateLine, vietnameseMonth } from "./minutes-doc";

const DOTS = "…………………";

/** Only the latest version is printed: the room freezes version 1 at closing, later corrections add versions. */
export function buildMinutesDoc(meeting: Meeting, minutes: MeetingMinutes, tenantName: string): MinutesDoc {
  const kind = meeting.kind === "regular" ? "Sinh hoạt chi bộ thường kỳ" : "Sinh hoạt chi bộ chuyên đề";
  const latest = minutes.latest;
  const version = !latest
    ? "Bản nháp"
    : latest.status === "approved"
      ? `Bản ${latest.version} · đã thông qua`
      : `Bản ${latest.version} · đã chốt khi kết thúc cuộc họp`;
  return {
    superior: tenantName,
    branch: meeting.organizationName,
    placeDate: placeDateLine(meeting.place, meeting.scheduledAt),
    title: "BIÊN BẢN",
    subtitle: `${kind} ${vietnameseMonth(meeting.scheduledAt)}${meeting.kind === "thematic" ? `: ${meeting.topic}` : ""}`,
    body: latest?.body ?? "",
    chairName: meeting.chairName ?? DOTS,
    minutesTakerName: meeting.minutesTakerName ?? DOTS,
    versionNote: version,
  };
}
