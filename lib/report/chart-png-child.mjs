// Draws charts for the report's Word file (lib/report/chart-png.ts), in a process of its own: resvg-js
// 2.6.2 never frees a rendered image's pixels, so they are given back when this process exits.
// Reads [{ svg, width }] as JSON on stdin; writes the PNGs as a JSON array of base64 strings on stdout.
import process from "node:process";
import resvg from "@resvg/resvg-js";

const { Resvg } = resvg;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const jobs = JSON.parse(input);
  const out = jobs.map(({ svg, width }) =>
    new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render().asPng().toString("base64"),
  );
  process.stdout.write(JSON.stringify(out));
});
