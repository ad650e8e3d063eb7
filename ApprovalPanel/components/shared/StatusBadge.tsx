import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { StatusTone } from "../../domain/status";

export interface StatusBadgeProps {
  tone: StatusTone;
  label: string;
}

const colorOf: Record<StatusTone, "success" | "danger" | "warning" | "informative" | "subtle"> = {
  success: "success",
  danger: "danger",
  warning: "warning",
  informative: "informative",
  subtle: "subtle",
};

/** A tinted badge whose text carries the meaning; the colour only repeats it. */
export function StatusBadge({ tone, label }: StatusBadgeProps): React.ReactElement {
  return (
    <Badge appearance="tint" color={colorOf[tone]} shape="rounded">
      {label}
    </Badge>
  );
}
