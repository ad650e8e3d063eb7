import * as React from "react";
import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import { ExpandableText } from "../shared/ExpandableText";
import { SectionCard } from "../shared/SectionCard";
import { SubHeading } from "../shared/SubHeading";
import type { Translate } from "../shared/text";

const useStyles = makeStyles({
  part: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

export interface NotesSectionProps {
  /** deploymentnotes. */
  deploymentNotes: string | null | undefined;
  /** aigenerateddeploymentnotes: undefined when the host has no such column (then nothing is shown for it). */
  aiGeneratedNotes?: string | null;
  t: Translate;
  /** Notes longer than this start collapsed (default 2000 characters). */
  collapseAt?: number;
  headingLevel?: 2 | 3;
}

function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === "";
}

/** The maker's notes and the AI-generated notes, as plain text with line breaks kept. */
function NotesSectionView({ deploymentNotes, aiGeneratedNotes, t, collapseAt, headingLevel = 2 }: NotesSectionProps): React.ReactElement {
  const styles = useStyles();
  return (
    <SectionCard title={t("Section_Notes")} headingLevel={headingLevel}>
      {deploymentNotes !== undefined ? (
        <div className={styles.part}>
          <SubHeading level={headingLevel}>{t("Notes_FromRequester")}</SubHeading>
          {isBlank(deploymentNotes) ? (
            <Text className={styles.muted}>{t("Notes_None")}</Text>
          ) : (
            <ExpandableText text={deploymentNotes as string} t={t} collapseAt={collapseAt} />
          )}
        </div>
      ) : null}
      {aiGeneratedNotes !== undefined ? (
        <div className={styles.part}>
          <SubHeading level={headingLevel}>{t("Notes_AiGenerated")}</SubHeading>
          {isBlank(aiGeneratedNotes) ? (
            <Text className={styles.muted}>{t("Notes_AiNone")}</Text>
          ) : (
            <>
              <Text size={200} className={styles.muted}>
                {t("Notes_AiCaveat")}
              </Text>
              <ExpandableText text={aiGeneratedNotes as string} t={t} collapseAt={collapseAt} />
            </>
          )}
        </div>
      ) : null}
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const NotesSection = React.memo(NotesSectionView);
