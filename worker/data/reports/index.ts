import type { ReportName } from "../../../schema/api/reports";
import { attendanceReport } from "./attendance";
import type { ReportDef } from "./engine";
import { gradesReport } from "./grades";
import { meetingsReport } from "./meetings";
import { speakingReport } from "./speaking";
import { visitsReport } from "./visits";
import { votesReport } from "./votes";

/** A fresh definition per request: some keep what they loaded for their side tables. */
export const reportDefs: Record<ReportName, () => ReportDef> = {
  meetings: meetingsReport,
  attendance: attendanceReport,
  speaking: speakingReport,
  votes: votesReport,
  grades: gradesReport,
  visits: visitsReport,
};
