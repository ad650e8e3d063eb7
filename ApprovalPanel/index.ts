import * as React from "react";
import { IInputs, IOutputs } from "./generated/ManifestTypes";

export class ApprovalPanel implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  public init(): void {
    // placeholder
  }
  public updateView(): React.ReactElement {
    return React.createElement("div", null, "ApprovalPanel");
  }
  public getOutputs(): IOutputs {
    return {};
  }
  public destroy(): void {
    // nothing
  }
}
