/**
 * A V8 CPU profile of the Worker's isolate (the rooms run in it) through `wrangler dev`'s inspector, for finding
 * where a phase of a benchmark spends its time: workerd freezes its clock during synchronous work, so timers inside
 * the room cannot. `start` begins sampling; the function it returns stops and answers the top functions by self time.
 * `startRawProfile` answers the profile itself, for summaries by source module (./profile-modules.ts).
 */
export interface ProfileLine {
  fn: string;
  selfMs: number;
  share: number;
}

export interface CdpNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CdpNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function startRawProfile(inspectorPort: number): Promise<() => Promise<CpuProfile>> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  const target = targets.find((t) => !t.title?.includes("proxy")) ?? targets[0];
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  // The inspector proxy (miniflare) wants an Origin it knows from a client that sends a user-agent; Node's WebSocket
  // (undici) takes headers in its second argument.
  const init = { headers: { Origin: "http://127.0.0.1" } } as unknown as string[];
  const ws = new WebSocket(target.webSocketDebuggerUrl, init);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", () =>
      reject(new Error(`inspector: cannot connect to ${JSON.stringify(targets).slice(0, 600)}`)),
    );
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 500 });
  await call("Profiler.start");
  return async () => {
    const { profile } = (await call("Profiler.stop")) as { profile: CpuProfile };
    ws.close();
    return profile;
  };
}

/** The functions with the most self time, named `name file:line`. */
export function topSelf(profile: CpuProfile, top = 30): ProfileLine[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const f = byNode.get(id)?.callFrame;
    const name = f ? `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}` : "?";
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, selfMs: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
}

export async function startProfile(inspectorPort: number): Promise<(top?: number) => Promise<ProfileLine[]>> {
  const stop = await startRawProfile(inspectorPort);
  return async (top = 30) => topSelf(await stop(), top);
}
