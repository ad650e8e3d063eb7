import * as React from "react";
import { Link, makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import type { Guid } from "../../domain/types";
import type { HostInfo } from "../../host/HostAdapter";
import type { HostCheck } from "../../hooks/useHostCheck";
import { PANEL_VERSION } from "../../version";
import { HostCheckView } from "../hostCheck/HostCheckView";
import { copyText } from "../shared/clipboard";
import type { FormatDateTime, Translate } from "../shared/text";
import { showSection } from "./showSection";

const useStyles = makeStyles({
  link: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  muted: { color: tokens.colorNeutralForeground3 },
  cell: { minWidth: 0 },
});

interface HostCheckAreaProps {
  hostCheck: HostCheck;
  host: HostInfo;
  runId: Guid;
  t: Translate;
  formatDateTime: FormatDateTime;
}

/** Admins only: the "Check this host" link, and once used the check's view in its place (focus moves to it). */
export function HostCheckArea(props: HostCheckAreaProps): React.ReactElement {
  const { hostCheck, host, runId, t, formatDateTime } = props;
  const styles = useStyles();
  const viewRef = React.useRef<HTMLDivElement>(null);
  const linkRef = React.useRef<HTMLButtonElement>(null);
  const wasOpen = React.useRef(false);
  React.useEffect(() => {
    if (hostCheck.open && !wasOpen.current) showSection(viewRef.current);
    if (!hostCheck.open && wasOpen.current) linkRef.current?.focus();
    wasOpen.current = hostCheck.open;
  }, [hostCheck.open]);
  if (!hostCheck.open) {
    return (
      <div className={styles.link}>
        <Link as="button" ref={linkRef} onClick={hostCheck.run} aria-describedby={`${runId}-hostcheck-description`}>
          {t("HostCheck_Link")}
        </Link>
        <Text size={200} id={`${runId}-hostcheck-description`} className={styles.muted}>
          {t("HostCheck_LinkDescription")}
        </Text>
      </div>
    );
  }
  return (
    <div ref={viewRef} className={styles.cell}>
      <HostCheckView
        state={hostCheck.state}
        t={t}
        locale={host.locale}
        formatDateTime={formatDateTime}
        panelVersion={PANEL_VERSION}
        recordId={host.recordId}
        languageId={host.languageId}
        onRun={hostCheck.run}
        onClose={hostCheck.close}
        copyText={copyText}
      />
    </div>
  );
}
