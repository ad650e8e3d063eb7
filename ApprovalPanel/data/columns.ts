export const HISTORY_COLUMNS = [
  "deploymentstagerunid",
  "name",
  "artifactname",
  "artifactversion",
  "stagerunstatus",
  "_deploymentstageid_value",
  "_artifactid_value",
  "_createdby_value",
  "createdon",
  "starttime",
  "endtime",
  "approvalstatus",
  "approvalcomments",
  "approvalproperties",
] as const;

export const REREAD_COLUMNS = ["approvalstatus", "stagerunstatus", "approvalcomments", "approvalproperties", "modifiedon"] as const;

/** The baseline's deployment settings too: "What changes" compares them with this run's. */
export const BASELINE_COLUMNS = [...HISTORY_COLUMNS, "deploymentsettingsjson"] as const;
