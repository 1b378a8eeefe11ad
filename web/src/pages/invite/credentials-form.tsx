/**
 * The credentials a new holder chooses for themselves: an e-mail (for a new account) and a password typed twice,
 * with a show/hide toggle so it can be checked on a phone's small keyboard. Checked here before anything is sent.
 */
import { createSignal, type JSX, Show } from "solid-js";
import { TextField } from "../../ui/fields";
import { im } from "./invite-messages";

export const MIN_PASSWORD = 10;

export function CredentialsForm(props: {
  title: string;
  intro: string;
  withEmail: boolean;
  submitLabel: string;
  busy: boolean;
  onSubmit: (chosen: { email?: string; password: string }) => void;
  onBack: () => void;
  children?: JSX.Element;
}) {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [visible, setVisible] = createSignal(false);
  const [tried, setTried] = createSignal(false);
  const tooShort = () => tried() && password().length < MIN_PASSWORD;
  const mismatch = () => tried() && !tooShort() && password() !== repeat();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setTried(true);
    if (password().length < MIN_PASSWORD || password() !== repeat()) return;
    props.onSubmit({ email: props.withEmail ? email().trim().toLowerCase() : undefined, password: password() });
  };

  return (
    <form class="invite-form" onSubmit={submit}>
      <h2>{props.title}</h2>
      <p>{props.intro}</p>
      <Show when={props.withEmail}>
        <TextField
          label={im("email")}
          type="email"
          name="email"
          autocomplete="email"
          required
          maxLength={254}
          value={email()}
          onValue={setEmail}
        />
      </Show>
      <TextField
        label={im("password")}
        type={visible() ? "text" : "password"}
        name="new-password"
        autocomplete="new-password"
        required
        maxLength={200}
        value={password()}
        onValue={setPassword}
        error={tooShort() ? im("tooShort") : undefined}
      />
      <TextField
        label={im("repeat")}
        type={visible() ? "text" : "password"}
        name="repeat-password"
        autocomplete="new-password"
        required
        maxLength={200}
        value={repeat()}
        onValue={setRepeat}
        error={mismatch() ? im("mismatch") : undefined}
      />
      <button type="button" class="btn" aria-pressed={visible()} onClick={() => setVisible(!visible())}>
        {visible() ? im("hide") : im("show")}
      </button>
      {props.children}
      <button type="submit" class="btn btn-primary btn-block btn-big" disabled={props.busy}>
        {props.busy ? im("busy") : props.submitLabel}
      </button>
      <button type="button" class="btn btn-block" onClick={() => props.onBack()}>
        {im("back")}
      </button>
    </form>
  );
}
