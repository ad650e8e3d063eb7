/**
 * Styles follow the host: colours and spacing come from Fluent tokens (so dark themes and the host's own theme
 * apply), and layout uses start/end rather than left/right (so Arabic lays out right to left).
 * The scan reads the TypeScript syntax tree of every file under ApprovalPanel/, looking inside makeStyles(...) and
 * at every string of the file for colour literals.
 */
import { describe, expect, it } from "@jest/globals";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../../ApprovalPanel");

/** Properties that have Fluent tokens: a px/rem/em literal or a bare number (Griffel adds px) means a hand-picked value. */
const TOKEN_SIZED =
  /^(padding|margin)(Top|Bottom|Left|Right|Block|Inline|BlockStart|BlockEnd|InlineStart|InlineEnd)?$|^(gap|rowGap|columnGap|fontSize|lineHeight|outlineWidth|outlineOffset|borderWidth)$|^border(Top|Bottom|Left|Right|Block|Inline|InlineStart|InlineEnd|BlockStart|BlockEnd)?Width$|^border(TopLeft|TopRight|BottomLeft|BottomRight|StartStart|StartEnd|EndStart|EndEnd)?Radius$/;
const TOKEN_SIZED_SHORTHANDS = new Set([
  "padding",
  "margin",
  "gap",
  "borderRadius",
  "border",
  "borderTop",
  "borderBottom",
  "borderLeft",
  "borderRight",
  "outline",
  "borderWidth",
]);
/** Properties whose value is a colour. */
const COLOUR_PROPERTY = /colou?r$|^(fill|stroke|background)$/i;
/** Physical sides: in right-to-left languages these must become start/end. */
const PHYSICAL = /(Left|Right)(Width|Style|Color|Radius)?$|^(left|right|float)$/;
const PHYSICAL_SHORTHANDS = new Set(["borderLeft", "borderRight"]);
const UNIT_LITERAL = /(^|[^\w-])-?\d*\.?\d+(px|rem|em)\b/;
const COLOUR_LITERAL = /#[0-9a-fA-F]{3,8}\b|\b(rgba?|hsla?)\s*\(/;
const NEUTRAL_COLOURS = new Set(["transparent", "inherit", "currentColor", "currentcolor", "initial", "unset"]);
/** CSS system colours: the only colours that make sense in Windows high contrast (forced-colors) rules. */
const SYSTEM_COLOURS = new Set([
  "Canvas",
  "CanvasText",
  "LinkText",
  "VisitedText",
  "ActiveText",
  "ButtonFace",
  "ButtonText",
  "ButtonBorder",
  "Field",
  "FieldText",
  "Highlight",
  "HighlightText",
  "SelectedItem",
  "SelectedItemText",
  "Mark",
  "MarkText",
  "GrayText",
  "AccentColor",
  "AccentColorText",
]);

interface Finding {
  file: string;
  line: number;
  problem: string;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return null;
}

function propertyName(node: ts.PropertyAssignment): string | null {
  const name = node.name;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

/** Problems in one source text. */
function scan(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, problem: string): void => {
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, problem });
  };

  const checkValue = (name: string, value: ts.Node, forcedColors: boolean): void => {
    const literal = literalText(value);
    if (TOKEN_SIZED.test(name)) {
      if (literal !== null && UNIT_LITERAL.test(literal)) report(value, `${name}: "${literal}" is not a token`);
      if (ts.isNumericLiteral(value) && value.text !== "0") report(value, `${name}: ${value.text} is not a token`);
    }
    if (COLOUR_PROPERTY.test(name) && literal !== null && !NEUTRAL_COLOURS.has(literal) && !(forcedColors && SYSTEM_COLOURS.has(literal))) {
      report(value, `${name}: "${literal}" is not a colour token`);
    }
    if (name === "textAlign" && literal !== null && /^(left|right)$/.test(literal)) report(value, `textAlign: "${literal}" (use start/end)`);
  };

  const visitStyles = (node: ts.Node, forcedColors: boolean): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node);
      if (name !== null) {
        if (PHYSICAL.test(name)) report(node.name, `${name} is a physical side (use Inline/Start/End)`);
        checkValue(name, node.initializer, forcedColors);
        const nested = forcedColors || /forced-colors\s*:\s*active/.test(name);
        ts.forEachChild(node.initializer, (child) => visitStyles(child, nested));
        return;
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === "shorthands") {
      const helper = node.expression.name.text;
      if (PHYSICAL_SHORTHANDS.has(helper)) report(node, `shorthands.${helper} is a physical side (use borderInlineStart*)`);
      for (const arg of node.arguments) {
        const literal = literalText(arg);
        if (TOKEN_SIZED_SHORTHANDS.has(helper)) {
          if (literal !== null && UNIT_LITERAL.test(literal)) report(arg, `shorthands.${helper}: "${literal}" is not a token`);
          if (ts.isNumericLiteral(arg) && arg.text !== "0") report(arg, `shorthands.${helper}: ${arg.text} is not a token`);
        }
        if (literal !== null && /^[A-Za-z]+$/.test(literal) && !["solid", "dashed", "dotted", "double", "none", "hidden", "auto"].includes(literal)) {
          if (!NEUTRAL_COLOURS.has(literal) && !(forcedColors && SYSTEM_COLOURS.has(literal)))
            report(arg, `shorthands.${helper}: "${literal}" is not a colour token`);
        }
      }
    }
    ts.forEachChild(node, (child) => visitStyles(child, forcedColors));
  };

  const visit = (node: ts.Node): void => {
    const literal = literalText(node);
    if (literal !== null && COLOUR_LITERAL.test(literal)) report(node, `colour literal "${literal}"`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "makeStyles") {
      node.arguments.forEach((arg) => visitStyles(arg, false));
    }
    // Inline styles in JSX get the same rules.
    if (ts.isJsxAttribute(node) && node.name.getText() === "style" && node.initializer) visitStyles(node.initializer, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

describe("styles use tokens and logical sides", () => {
  const files = sourceFiles(ROOT);

  it("finds the component files", () => {
    expect(files.filter((f) => f.endsWith(".tsx")).length).toBeGreaterThan(15);
  });

  it("no colour literal, hand-picked spacing or left/right property in ApprovalPanel/", () => {
    const findings = files.flatMap((file) => scan(path.relative(ROOT, file), fs.readFileSync(file, "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.problem}`)).toEqual([]);
  });

  it("the scan catches each kind of mistake (so the check above can fail)", () => {
    const bad = `
      import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
      const useStyles = makeStyles({
        a: { padding: "8px", marginBlock: "1rem", gap: 4, color: "#1f1f1f", backgroundColor: "rgb(0, 0, 0)" },
        b: { paddingLeft: tokens.spacingHorizontalM, right: 0, textAlign: "left", borderColor: "red" },
        c: { ...shorthands.padding("4px", tokens.spacingHorizontalS), ...shorthands.borderLeft(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1) },
        d: { ...shorthands.border("1px", "solid", "Highlight") },
      });
      export const X = () => <div style={{ marginTop: "2px" }} />;
    `;
    const problems = scan("bad.tsx", bad).map((f) => f.problem);
    for (const expected of [
      'padding: "8px"',
      'marginBlock: "1rem"',
      "gap: 4",
      'colour literal "#1f1f1f"',
      'colour literal "rgb(0, 0, 0)"',
      "paddingLeft is a physical side",
      "right is a physical side",
      'textAlign: "left"',
      'borderColor: "red"',
      'shorthands.padding: "4px"',
      "shorthands.borderLeft is a physical side",
      'shorthands.border: "1px"',
      'shorthands.border: "Highlight"',
      'marginTop: "2px"',
    ]) {
      expect(problems.some((p) => p.startsWith(expected))).toBe(true);
    }
    const good = `
      const useStyles = makeStyles({
        a: { paddingInlineStart: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground1, minWidth: 0, backgroundColor: "transparent" },
        b: { "@media (forced-colors: active)": { ...shorthands.outline(tokens.strokeWidthThick, "solid", "Highlight"), color: "CanvasText" } },
        c: { minHeight: \`calc(\${tokens.spacingVerticalXXXL} + \${tokens.spacingVerticalM})\`, gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 320px), 1fr))" },
      });
    `;
    expect(scan("good.tsx", good)).toEqual([]);
  });
});
