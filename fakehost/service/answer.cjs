"use strict";
// The shape of the fake host's Web API answers (ApiAnswer): a JSON body, a text body (the $metadata XML) or a file's
// bytes, each with the headers every answer of the Web API carries. Its own file: the route (faults, errors) and the
// handlers (everything else) both answer with them.

/**
 * @typedef {object} ApiAnswer
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {unknown} [body]   JSON body; undefined when empty
 * @property {string} [text]    a text body instead (e.g. the $metadata XML); its Content-Type is in headers
 * @property {Uint8Array} [bytes]  a binary body instead (a file column's $value); its headers come with it
 * @property {"drop" | "reset"} [connection]  a fault that breaks the connection instead of answering
 */

/** @param {number} status @param {unknown} body @param {Record<string,string>} [headers] @returns {ApiAnswer} */
const send = (status, body, headers = {}) => ({ status, body, headers: { "OData-Version": "4.0", "Cache-Control": "no-cache", ...headers } });
/** @param {number} status @param {string} body @param {string} contentType @returns {ApiAnswer} */
const sendText = (status, body, contentType) => ({ ...send(status, undefined, { "Content-Type": contentType }), text: body });
/** @param {{ status: number, bytes: Uint8Array, headers: Record<string, string> }} file @returns {ApiAnswer} */
const sendFile = (file) => ({ ...send(file.status, undefined, file.headers), bytes: file.bytes });

module.exports = { send, sendText, sendFile };
