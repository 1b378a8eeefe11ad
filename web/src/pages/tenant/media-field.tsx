/**
 * How remote people hear and speak, as planning chooses it (issue 13): in the hall only, the committee's own video
 * call (its https link), or built in. The field for the planning forms, and the line the meeting page shows.
 */
import { Show } from "solid-js";
import type { MeetingMediaMode } from "../../../../schema/api/meetings";
import { callHost, externalLead, howToHear, safeCallLink } from "../../../../schema/meeting-media";
import { defineMessages, lang } from "../../i18n";
import { SelectField, TextField } from "../../ui/fields";

const MODES: readonly MeetingMediaMode[] = ["hall_only", "external", "builtin"];

const mt = defineMessages(
  {
    mode: "Người dự từ xa nghe và nói qua",
    hall_only: "Chỉ tại hội trường (không truyền âm thanh)",
    external: "Cuộc gọi video sẵn có của chi bộ",
    builtin: "Âm thanh hình ảnh tích hợp trong chibo",
    link: "Đường dẫn cuộc gọi (https://…)",
    linkHint: "Chỉ đảng viên chi bộ, khách mời và cán bộ quản lý thấy đường dẫn này.",
  },
  {
    mode: "Remote people hear and speak through",
    hall_only: "In the hall only (no sound sent)",
    external: "The branch's own video call",
    builtin: "Sound and picture built into chibo",
    link: "Call link (https://…)",
    linkHint: "Only the branch's members, invited guests and staff see this link.",
  },
);

export function MediaField(props: {
  mode: MeetingMediaMode;
  link: string;
  onMode: (m: MeetingMediaMode) => void;
  onLink: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <div class="form-row">
      <SelectField
        label={mt("mode")}
        value={props.mode}
        onValue={(v) => props.onMode(v as MeetingMediaMode)}
        options={MODES.map((m) => ({ value: m, label: mt(m) }))}
      />
      <Show when={props.mode === "external"}>
        <TextField
          label={mt("link")}
          hint={mt("linkHint")}
          type="url"
          inputMode="url"
          required
          maxLength={500}
          pattern="https://.+"
          value={props.link}
          onValue={props.onLink}
          error={props.error}
        />
      </Show>
    </div>
  );
}

/** What to send: the link only with an external call (the API refuses it otherwise). */
export const mediaFor = (mode: MeetingMediaMode, link: string) => ({
  mediaMode: mode,
  mediaLink: mode === "external" ? link.trim() : null,
});

/** The meeting page's line: those who read the page may see the meeting, so the link is theirs to open. */
export function MediaLine(props: { mode: MeetingMediaMode; link: string | null }) {
  const href = () => safeCallLink(props.link);
  return (
    <Show when={props.mode === "external" && href()} fallback={howToHear(props.mode, lang())}>
      {(h) => (
        <>
          {externalLead(lang())}{" "}
          <a href={h()} target="_blank" rel="noopener noreferrer">
            {callHost(h())}
          </a>
        </>
      )}
    </Show>
  );
}
