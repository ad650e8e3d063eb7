"use strict";
/** Bad input for the packer: the message names the file and the problem; nothing is written. */
class PackError extends Error {}

module.exports = { PackError };
