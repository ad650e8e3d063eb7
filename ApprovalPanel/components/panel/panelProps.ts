import type { PipelinesRepository } from "../../app/ports";
import type { Guid } from "../../domain/types";
import type { HostInfo } from "../../host/HostAdapter";
import type { FormatDateTime, Translate } from "../shared/text";

/** What the control hands the panel (index.ts): host info, the repository, strings, date formatting, navigation. */
export interface PanelProps {
  host: HostInfo;
  repository: PipelinesRepository;
  getString: Translate;
  formatDateTime: FormatDateTime;
  openRecord(table: string, id: Guid): void;
  /** Opens a new record's form with some columns filled in (navigation.openForm with parameters); optional. */
  openNewRecord?(table: string, values: Record<string, string>): void;
  /** Aborted by the control's destroy(): stop requests and timers, update no state. */
  disposeSignal?: AbortSignal;
}
