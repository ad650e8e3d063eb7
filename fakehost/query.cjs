"use strict";
// OData v4 query handling for the fake host, only what the Dataverse Web API does for the tables we emulate. By
// concern, under query/:
//   errors.cjs    ODataError, and the 400s for an unknown property and a syntax error (the whole host throws them)
//   parse.cjs     the query string ($select, $expand, $filter, $orderby, $top) and the Prefer header → plain options
//   filter.cjs    $filter (@odata/parser) compiled against a table into a predicate
//   evaluate.cjs  the options over a table's rows: $orderby compiled against the table,
//                 $select and $expand checked and projected with their annotations, the @odata.context fragment
const { ODataError, propertyNotFound, syntaxError } = require("./query/errors.cjs");
const { splitTopLevel, parseQueryString, queryOptions, parseExpand, parsePrefer } = require("./query/parse.cjs");
const { compileFilter } = require("./query/filter.cjs");
const { compileOrderBy, annotationWanted, formatDateValue, validateProjection, project, contextFragment } = require("./query/evaluate.cjs");

module.exports = {
  ODataError,
  propertyNotFound,
  syntaxError,
  splitTopLevel,
  parseQueryString,
  queryOptions,
  parseExpand,
  compileFilter,
  compileOrderBy,
  parsePrefer,
  annotationWanted,
  formatDateValue,
  validateProjection,
  project,
  contextFragment,
};
