"use strict";
// The PCF context a model-driven form hands a control, written once for the playground's host page and the jest
// tests' mock context: each passes what differs (its user, strings, navigation, formatting, what it records) and gets
// the same shape. Plain JS with no dependencies: required by node, loaded as a script by the playground's page
// (window.FakeHostXrmContext).

/**
 * @typedef {object} PcfContextParts
 * @property {Record<string, unknown>} parameters  the manifest's properties, as the form's values
 * @property {string[]} [updatedProperties]
 * @property {ComponentFramework.WebApi} [webAPI]
 * @property {{ id: string, name: string, securityRoles: string[] }} user  id without braces; the context gives it in
 *   braces and upper case, as the real host does
 * @property {number} languageId
 * @property {boolean} isRTL
 * @property {(key: string) => string} getString
 * @property {Record<string, Function>} formatting
 * @property {Record<string, Function>} navigation
 * @property {(entityName: string, attributes?: string[]) => Promise<unknown>} getEntityMetadata
 * @property {() => Promise<unknown[]>} lookupObjects
 * @property {{ allocatedWidth: number, label: string, trackContainerResize(value: boolean): void,
 *   contextInfo?: { entityId: string | null, entityTypeName: string | null, entityRecordName: string | null } }} mode
 * @property {Record<string, unknown> | null} page  the form's record (entityId, entityTypeName, getClientUrl, ...), or none
 * @property {() => number} formFactor
 * @property {() => void} requestRender
 * @property {(what: string) => (...args: unknown[]) => unknown} unavailable  a device or factory feature this host lacks:
 *   what it does when called (throws, or answers a rejected promise)
 * @property {ComponentFramework.FluentDesignState | undefined} fluentDesignLanguage
 */

/** The device features a form on the web has none of. */
const DEVICE_FEATURES = ["captureAudio", "captureImage", "captureVideo", "getBarcodeValue", "getCurrentPosition", "pickFile"];

/**
 * The context object, loosely typed: the real host gives more than PCF's type definitions declare (mode.contextInfo,
 * page), so callers cast it to what they declare.
 * @param {PcfContextParts} parts
 * @returns {Record<string, any>}
 */
function createPcfContext(parts) {
  const { user } = parts;
  /** @type {Record<string, any>} */
  const mode = {
    allocatedHeight: -1,
    allocatedWidth: parts.mode.allocatedWidth,
    isControlDisabled: false,
    isVisible: true,
    label: parts.mode.label,
    setControlState: () => true,
    setFullScreen: () => undefined,
    setNotification: () => true,
    clearNotification: () => true,
    trackContainerResize: (/** @type {boolean} */ value) => parts.mode.trackContainerResize(value),
  };
  if (parts.mode.contextInfo) mode.contextInfo = parts.mode.contextInfo;
  /** @type {Record<string, any>} */
  const context = {
    parameters: parts.parameters,
    updatedProperties: parts.updatedProperties ?? [],
    webAPI: parts.webAPI,
    utils: {
      getEntityMetadata: parts.getEntityMetadata,
      hasEntityPrivilege: () => true,
      lookupObjects: parts.lookupObjects,
    },
    userSettings: {
      // The real host gives the user id in braces and upper case.
      userId: `{${user.id.toUpperCase()}}`,
      userName: user.name,
      languageId: parts.languageId,
      isRTL: parts.isRTL,
      securityRoles: [...user.securityRoles],
      timeZoneOffsetMinutes: 0,
      getTimeZoneOffsetMinutes: () => 0,
      dateFormattingInfo: {},
      numberFormattingInfo: {},
    },
    formatting: parts.formatting,
    resources: {
      getString: parts.getString,
      getResource: (/** @type {string} */ _id, /** @type {Function} */ _success, /** @type {Function} */ failure) => failure(),
    },
    navigation: parts.navigation,
    fluentDesignLanguage: parts.fluentDesignLanguage,
    mode,
    client: { disableScroll: false, getFormFactor: parts.formFactor, getClient: () => "Web", isOffline: () => false, isNetworkAvailable: () => true },
    device: Object.fromEntries(DEVICE_FEATURES.map((name) => [name, parts.unavailable(`device.${name}`)])),
    factory: { getPopupService: parts.unavailable("factory.getPopupService"), requestRender: () => parts.requestRender() },
    accessibility: { assignedTabIndex: 0, registerShortcut: () => undefined },
    events: {},
    copilot: {},
  };
  if (parts.page) context.page = parts.page;
  return context;
}

/**
 * A form property's value object: text ("SingleLine.Text"), a choice ("Enum") or a whole number ("Whole.None").
 * @param {string | null} type @param {string | number | null} raw @param {Record<string, unknown>} [extra]
 */
function propertyOf(type, raw, extra = {}) {
  return { raw, formatted: raw === null ? "" : String(raw), type, error: false, errorMessage: "", ...extra };
}

const xrmContext = { createPcfContext, propertyOf };
// CommonJS for node; a global for the playground's page, which loads this file as a plain script.
if (typeof module === "object" && module.exports) module.exports = xrmContext;
else /** @type {any} */ (globalThis).FakeHostXrmContext = xrmContext;
