import * as React from "react";
import type { LookupRef } from "../../domain/types";
import type { Translate } from "./text";

export function lookupText(ref: LookupRef, t: Translate): string {
  return ref.name !== null && ref.name.trim() !== "" ? ref.name : t("Common_Unnamed");
}

/**
 * Text written by people or by the host (names, values, messages), often English inside a right-to-left form: an
 * isolated span whose direction follows its own first strong character, so its punctuation stays in place without
 * changing how the surrounding (translated) layout is aligned.
 */
export function DataText({ text }: { text: string }): React.ReactElement {
  return <span dir="auto">{text}</span>;
}

export function isPresent<T>(item: T | null): item is T {
  return item !== null;
}
