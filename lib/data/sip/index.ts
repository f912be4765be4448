import "server-only";
/*
 * The school improvement plan (SPEC §3.4): plans, strands, success criteria, actions (planActions:
 * "action" means a server action in code), milestones, termly reviews and governors' comments.
 * Every change is one transaction with its audit row; every editable record is version-checked.
 */

export * from "./shared";
export * from "./plans";
export * from "./sef-links";
export * from "./strands";
export * from "./criteria";
export * from "./criterion-reader";
export * from "./actions";
export * from "./milestones";
// The unfiltered records and the listing rule stay inside lib/data/sip: pages get what the viewer may see.
export { listStrandMonitoring } from "./strand-monitoring";
export * from "./reviews";
export * from "./strand-detail";
export * from "./overview";
export * from "./my-work";
