import * as React from "react";
import { FluentProvider, IdPrefixProvider } from "@fluentui/react-components";
import type { Guid } from "../domain/types";
import type { HostInfo } from "../host/HostAdapter";
import { willLoad } from "../app/panelLoader";
import { PanelBody } from "./panel/PanelBody";
import type { PanelProps } from "./panel/panelProps";
import { SectionMessage } from "./shared/SectionMessage";
import type { Translate } from "./shared/text";

export type ApprovalPanelRootProps = PanelProps;

let instanceCounter = 0;

/** The form paints the background; the panel's provider must not paint its own (it would differ in some themes). */
const TRANSPARENT: React.CSSProperties = { backgroundColor: "transparent" };

/** Host checks before anything is loaded: outside a pipelines host, on an unsaved record, or on another table. */
function hostProblem(host: HostInfo, t: Translate): string | null {
  if (!host.hasWebApi) return t("Panel_NoHost");
  // On another table's form (the Deployment Approvals app's request) the run comes from the bound column.
  if (host.run.source === "boundColumn" && host.run.problem !== null) return t(host.run.problem === "empty" ? "Panel_NoRunId" : "Panel_BadRunId");
  if (host.recordId === null) return t("Panel_SaveFirst");
  // The same conditions as startPanelLoad's, so nothing it starts is left unused.
  return willLoad(host) ? null : t("Panel_NoHost");
}

export function ApprovalPanelRoot(props: ApprovalPanelRootProps): React.ReactElement {
  const { host, getString } = props;
  // A per-instance prefix: two panels (or the host's own Fluent parts) never share generated ids.
  const [idPrefix] = React.useState(() => `apnl${++instanceCounter}-`);
  const problem = hostProblem(host, getString);
  return (
    <IdPrefixProvider value={idPrefix}>
      {/* An inline style, not a makeStyles class: classes made here (outside the provider) are left-to-right ones, and
          Griffel refuses to merge them with the provider's right-to-left classes (mergeClasses warns and drops them). */}
      <FluentProvider theme={host.theme} dir={host.isRTL ? "rtl" : "ltr"} style={TRANSPARENT}>
        {problem !== null ? <SectionMessage intent="info" message={problem} /> : <PanelBody {...props} runId={host.recordId as Guid} />}
      </FluentProvider>
    </IdPrefixProvider>
  );
}
