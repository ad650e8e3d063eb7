import { tokens } from "@fluentui/react-components";

/** 44 px, the smallest comfortable touch target (WCAG 2.5.5), built from tokens: 32 px + 12 px. */
export const TOUCH_TARGET = `calc(${tokens.spacingVerticalXXXL} + ${tokens.spacingVerticalM})`;
