import "server-only";
/**
 * Monitoring (SPEC §3.5): observation templates, lesson observations, learning walks and other
 * activities, governor and adviser visits, the monitoring calendar, coverage and the aggregates
 * governors and the termly report read. Named observations are only ever returned through functions
 * that take the viewer and apply SPEC §1 themselves; aggregates never carry a teacher's name.
 */

export * from "./shared";
export * from "./terms";
export * from "./focus";
export * from "./people";
export * from "./templates";
export * from "./observations";
export * from "./coverage";
export * from "./activities";
export * from "./visits";
export * from "./calendar";
export * from "./strand-evidence";
export * from "./summary";
