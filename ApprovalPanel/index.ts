import * as React from "react";
import { ApprovalPanelRoot, type ApprovalPanelRootProps } from "./components/ApprovalPanelRoot";
import type { PipelinesRepository } from "./data/PipelinesRepository";
import { createDataverseRepository } from "./data/DataverseRepository";
import type { Guid } from "./domain/types";
import type { HostAdapter } from "./host/HostAdapter";
import { createHostAdapter } from "./host/PcfHostAdapter";
import { IInputs, IOutputs } from "./generated/ManifestTypes";
import { startPanelLoad } from "./app/panelLoader";
import { pageSession } from "./pageSession";

/**
 * PCF lifecycle only. The adapter is the one reader of the context; the repository is created once so that the
 * frequent updateView calls (resize, property changes) never refetch: the root loads again only when the record changes.
 */
export class ApprovalPanel implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private adapter: HostAdapter | null = null;
  private repository: PipelinesRepository | null = null;
  private readonly disposal = new AbortController();

  // Stable callbacks: the props keep the same identity across updateView calls and always use the latest adapter.
  private readonly getString = (key: string): string => this.adapter?.getString(key) ?? key;
  private readonly formatDateTime = (isoUtc: string): string => this.adapter?.formatDateTime(isoUtc) ?? isoUtc;
  private readonly openRecord = (table: string, id: Guid): void => this.adapter?.openRecord(table, id);
  private readonly openNewRecord = (table: string, values: Record<string, string>): void => this.adapter?.openNewRecord(table, values);

  public init(context: ComponentFramework.Context<IInputs>): void {
    // Without this, allocatedWidth stays -1 and the layout cannot switch to one column on narrow forms.
    context.mode.trackContainerResize(true);
    const adapter = createHostAdapter(context);
    this.adapter = adapter;
    this.repository = createDataverseRepository({ webAPI: adapter.webAPI(), clientUrl: adapter.clientUrl(), session: pageSession() });
    startPanelLoad(this.repository, adapter.info(), this.disposal.signal);
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    // The host may hand over a new context object on each call: read from that one, keep the repository.
    const adapter = createHostAdapter(context);
    this.adapter = adapter;
    const repository = this.repository ?? createDataverseRepository({ webAPI: adapter.webAPI(), clientUrl: adapter.clientUrl(), session: pageSession() });
    this.repository = repository;
    const props: ApprovalPanelRootProps = {
      host: adapter.info(),
      repository,
      getString: this.getString,
      formatDateTime: this.formatDateTime,
      openRecord: this.openRecord,
      openNewRecord: this.openNewRecord,
      disposeSignal: this.disposal.signal,
    };
    return React.createElement(ApprovalPanelRoot, props);
  }

  public getOutputs(): IOutputs {
    // The bound column only places the control on the form; the panel never writes it.
    return {};
  }

  public destroy(): void {
    // The root listens to this signal: it aborts requests, clears timers and stops updating state.
    this.disposal.abort();
  }
}
