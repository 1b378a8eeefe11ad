/** How the closed meeting page names a vote's rule: the shared "rule as applied" (schema/vote-rules.ts). */
import { ruleAsAppliedLabel, voteRuleSchema } from "../../../../schema/vote-rules";
import { pickLang } from "../../i18n";

/** The stored rule (votes.rule_json, parsed) as text; an edited preset reads as the custom rule it is. */
export function ruleAsApplied(rule: unknown): string {
  const parsed = voteRuleSchema.safeParse(rule);
  return parsed.success ? pickLang(ruleAsAppliedLabel(parsed.data)) : "";
}
