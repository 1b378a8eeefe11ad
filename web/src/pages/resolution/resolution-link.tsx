/** The way from a meeting to its resolution, for the meeting page. */
import { A } from "@solidjs/router";
import { rt } from "./resolution-messages";

export function ResolutionLink(props: { tenantId: string; meetingId: string }) {
  return (
    <A class="btn" href={`/t/${props.tenantId}/meetings/${props.meetingId}/resolution`}>
      {rt("heading")}
    </A>
  );
}
