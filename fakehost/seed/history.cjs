"use strict";
// The seed's long history: 500 generated runs of one solution, deterministic (a seeded PRNG).
const { HISTORY_COUNT, HISTORY_PREFIX, RUNS, STAGES, USERS, gid } = require("./ids.cjs");
const { run } = require("./runRow.cjs");
const { at, props, rng, settings, validationOk } = require("./values.cjs");

/** A fresh copy of the history rows. */
function createHistory() {
  // 500 runs of ContosoInventory across Test (not delegated) and Production (stage owner), newest pending.
  const random = rng(20251126);
  const history = [];
  for (let i = 0; i < HISTORY_COUNT; i++) {
    const n = HISTORY_COUNT - i; // 500 = newest
    const id = i === 0 ? RUNS.historyLatest : gid(HISTORY_PREFIX, n);
    const toProd = n % 2 === 0;
    const stageId = toProd ? STAGES.expensesProd : STAGES.expensesTest;
    const version = `2.${Math.floor(n / 100)}.${n % 100}.0`;
    const hoursAgo = 0.25 + i * 7 + Math.floor(random() * 3);
    const roll = random();
    /** @type {Record<string, any>} */
    const f = {
      deploymentnotes: `Inventory build ${version}: ${["stock counts", "barcode scanning", "supplier sync", "reorder rules", "warehouse map"][n % 5]} changes.`,
    };
    if (i === 0) {
      Object.assign(f, {
        approvalstatus: 10,
        deploymentsettingsjson: settings("https://api.contoso.com/inventory"),
        validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoInventory"),
      });
    } else {
      const failed = roll < 0.12;
      const canceled = !failed && roll < 0.16;
      const rejected = toProd && !failed && !canceled && roll < 0.24;
      Object.assign(f, {
        stagerunstatus: failed || rejected ? 200000003 : canceled ? 200000004 : 200000002,
        operationstatus: failed || rejected ? 200000003 : 200000002,
        suboperation: 200000106,
        endtime: at(hoursAgo - 0.2),
        errormessage: failed ? "Import failed: a managed solution with a higher version is already installed in the target environment." : null,
      });
      if (toProd) {
        const approver = n % 3 === 0 ? USERS.jordan : USERS.avery;
        const approverName = approver === USERS.jordan ? "Jordan Approver" : "Avery Owner";
        Object.assign(f, {
          approvalstatus: rejected ? 30 : canceled ? 10 : 20,
          approvalcomments: rejected ? `Rejected ${version}: regression in stock counts.` : canceled ? null : `Approved ${version}.`,
          approvalproperties: canceled
            ? null
            : props({ approverId: approver, approverName, decision: rejected ? "Rejected" : "Approved", decidedOnUtc: at(hoursAgo - 0.1), adminNote: "" }),
        });
      }
    }
    history.push(run(id, stageId, "ContosoInventory", version, hoursAgo, f));
  }
  return history;
}

module.exports = { createHistory };
