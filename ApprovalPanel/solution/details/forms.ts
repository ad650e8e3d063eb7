/**
 * Facets of forms (systemform: form > tabs > tab > columns > column > sections > section > rows > row > cell > control,
 * formLibraries > Library, events > event > Handlers or InternalHandlers > Handler) and views (savedquery: layoutxml's
 * grid cells, fetchxml's order and filter), as exported.
 */
import { attr, guid, kid, kids, text, type XmlElement } from "../xml";
import { entries, facets, labelOf, type Facets } from "./facets";

/** Tabs by name (their label), sections by name (their tab), fields by column (their section, or "header" / "footer"). */
export function formFacets(systemForm: XmlElement): Facets {
  const form = kid(systemForm, "form");
  const tabs: [string, string][] = [];
  const sections: [string, string][] = [];
  const fields: [string, string][] = [];
  const handlers: [string, string][] = [];
  const nameOf = (el: XmlElement): string => attr(el, "name") || guid(attr(el, "id")) || "";
  // Without recursion: forms nest deeply and a crafted file must not overflow the stack.
  const stack: [XmlElement, string, string][] = form ? [[form, "", ""]] : [];
  while (stack.length) {
    const [el, tab, section] = stack.pop()!;
    const name = el.localName.toLowerCase();
    let nextTab = tab;
    let nextSection = section;
    if (name === "tab") {
      nextTab = nameOf(el);
      tabs.push([nextTab, labelOf(kid(el, "labels"))]);
    } else if (name === "section") {
      nextSection = nameOf(el);
      sections.push([nextSection, tab]);
    } else if (name === "header" || name === "footer") nextSection = name;
    else if (name === "control") {
      const field = attr(el, "datafieldname");
      if (field) fields.push([field.toLowerCase(), section]);
    } else if (name === "event") {
      for (const list of kids(el))
        for (const handler of kids(list, "handler")) {
          const fn = attr(handler, "functionname");
          if (fn) handlers.push([`${attr(el, "name") ?? ""}: ${fn}`, `${attr(handler, "libraryname") ?? ""} ${attr(handler, "enabled") ?? ""}`.trim()]);
        }
      continue;
    }
    for (const child of kids(el)) stack.push([child, nextTab, nextSection]);
  }
  const libraries = kids(kid(form, "formlibraries"), "library").map((l): [string, string] => [attr(l, "name") ?? "", ""]);
  return facets({
    formTab: entries(tabs),
    formSection: entries(sections),
    formField: entries(fields),
    formLibrary: entries(libraries),
    formHandler: entries(handlers),
  });
}

/** A condition as "attribute operator value" (values of "in" conditions joined). */
function conditionText(condition: XmlElement): string {
  const values = kids(condition, "value").map((v) => text(v) ?? "");
  const value = attr(condition, "value") ?? (values.length ? values.join(", ") : "");
  return [attr(condition, "attribute"), attr(condition, "operator"), value].filter(Boolean).join(" ");
}

/** A filter as "(a eq 1 and b null)"; nested filters in parentheses, linked entities' filters prefixed with their name. */
function filterText(filter: XmlElement, prefix: string): string {
  const parts: string[] = [];
  for (const child of kids(filter)) {
    const n = child.localName.toLowerCase();
    if (n === "condition") parts.push(prefix + conditionText(child));
    else if (n === "filter") parts.push(filterText(child, prefix));
  }
  return parts.length > 1 ? `(${parts.join(` ${attr(filter, "type") ?? "and"} `)})` : (parts[0] ?? "");
}

export function viewFacets(savedQuery: XmlElement): Facets {
  const grid = kid(kid(savedQuery, "layoutxml"), "grid");
  const cells = kids(kid(grid, "row"), "cell").map((c): [string, string] => [attr(c, "name") ?? "", attr(c, "width") ?? ""]);
  const fetch = kid(kid(savedQuery, "fetchxml"), "fetch");
  const entity = kid(fetch, "entity");
  const sort = kids(entity, "order").map((o) => `${attr(o, "attribute") ?? attr(o, "alias") ?? ""} ${attr(o, "descending") === "true" ? "desc" : "asc"}`);
  const filters = kids(entity, "filter").map((f) => filterText(f, ""));
  for (const link of kids(entity, "link-entity")) {
    for (const f of kids(link, "filter")) filters.push(filterText(f, `${attr(link, "alias") ?? attr(link, "name") ?? ""}.`));
  }
  return facets({
    viewColumn: entries(cells),
    viewSort: sort.join(", "),
    viewFilter: filters.filter(Boolean).join(" and "),
  });
}
