/**
 * How the closed meeting page names a vote's rule as it was applied. The one call site for that text: when the shared
 * "rule as applied" function lands in schema/vote-rules.ts, switch this body to it.
 */
import { thresholdText, type VotePreset, votePresetLabels } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";

const isPreset = (x: unknown): x is VotePreset => typeof x === "string" && x in votePresetLabels;

/** The stored rule (votes.rule_json, parsed) as text: its preset's label and the threshold over its base. */
export function ruleAsApplied(rule: unknown): string {
  if (!rule || typeof rule !== "object") return "";
  const r = rule as Record<string, unknown>;
  const label = isPreset(r.preset) ? pickLang(votePresetLabels[r.preset]) : "";
  if (typeof r.num !== "number" || typeof r.den !== "number" || typeof r.strict !== "boolean") return label;
  const over = pickLang(r.base === "cast" ? "số phiếu biểu quyết / of votes cast" : "cơ sở biểu quyết / of the base");
  const threshold = `${thresholdText({ num: r.num, den: r.den, strict: r.strict })} ${over}`;
  return label ? `${label}: ${threshold}` : threshold;
}
