"use client";
// zod's browser setting (no `new Function` under the Content Security Policy) is made where every
// schema gets z: lib/validation/zod. Client modules that parse with zod import this for clarity.
import "@/lib/validation/zod";
