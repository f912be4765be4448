// The formatting helpers live in lib/format.ts; import them from there. This re-export stays only
// until the report area and the chart views switch to lib/format.
export * from "@/lib/format";
