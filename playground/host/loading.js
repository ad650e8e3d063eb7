// The form's libraries: the platform's React and Fluent, the control's production bundle and its manifest and strings.
import { CONTROL_NAME, state } from "./state.js";

/** @param {string} src */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve(undefined);
    s.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(s);
  });
}

export async function loadPlatform() {
  await loadScript("/node_modules/react/umd/react.production.min.js");
  await loadScript("/node_modules/react-dom/umd/react-dom.production.min.js");
  // pcf-scripts compiles `react` to the global Reactv16. It must be the React instance ReactDOM renders with
  // (a second copy, like pcf-start's react_16_14_0.js, breaks hooks), so alias it.
  const w = /** @type {any} */ (window);
  w.Reactv16 = w.React;
  if (!w.Reactv16) await loadScript("/node_modules/pcf-start/lib/react_16_14_0.js");
  // pcf-start's Fluent 9 platform library: a UMD that reads the globals React and ReactDOM and defines FluentUIReactv940.
  await loadScript("/node_modules/pcf-start/lib/fluent_9_4_0.js");
  w.ComponentFramework = {
    registerControl(/** @type {string} */ name, /** @type {any} */ ctor) {
      if (name === CONTROL_NAME) state.ctor = ctor;
    },
  };
  await loadScript("/control/bundle.js");
  // A classic script's load event fires once it has run: the bench reads this mark against the file's last byte
  // (Resource Timing) to tell the bundle's evaluation at form load from its download.
  performance.mark("playground:bundle-evaluated");
  if (!state.ctor && w.PipelinesApprovals?.ApprovalPanel) state.ctor = w.PipelinesApprovals.ApprovalPanel;
  if (!state.ctor) throw new Error(`The bundle did not register ${CONTROL_NAME}.`);
}

export async function loadManifest() {
  const res = await fetch("/control/ControlManifest.xml", { cache: "no-store" });
  if (!res.ok) throw new Error("out/controls/ApprovalPanel/ControlManifest.xml is missing: run npm run build.");
  const xml = new DOMParser().parseFromString(await res.text(), "application/xml");
  const control = xml.querySelector("control");
  const properties = [...xml.querySelectorAll("control > property")].map((p) => ({
    name: p.getAttribute("name"),
    type: p.getAttribute("of-type"),
    usage: p.getAttribute("usage"),
    defaultValue: p.getAttribute("default-value"),
  }));
  const languages = [...xml.querySelectorAll("resources > resx")]
    .map((r) => /\.(\d+)\.resx$/.exec(r.getAttribute("path") ?? "")?.[1])
    .filter(Boolean)
    .map(Number);
  const resxPaths = new Map(
    [...xml.querySelectorAll("resources > resx")].map((r) => [Number(/\.(\d+)\.resx$/.exec(r.getAttribute("path") ?? "")?.[1]), r.getAttribute("path")]),
  );
  state.manifest = { properties, languages: languages.length ? languages : [1033], displayName: control?.getAttribute("display-name-key") ?? "" };
  for (const [lcid, path] of resxPaths) {
    const r = await fetch(`/control/${path}`, { cache: "no-store" });
    if (!r.ok) continue;
    const doc = new DOMParser().parseFromString(await r.text(), "application/xml");
    state.strings.set(
      lcid,
      new Map([...doc.querySelectorAll("root > data")].map((d) => [d.getAttribute("name") ?? "", d.querySelector("value")?.textContent ?? ""])),
    );
  }
}
