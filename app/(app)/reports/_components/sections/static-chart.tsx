/** A chart drawn on the server as SVG (lib/report/svg-charts), for the print view. */
export function StaticChart({ svg, label }: { svg: string; label: string }) {
  // The SVG is built by lib/report/svg-charts from numbers and escaped labels only.
  return <div role="img" aria-label={label} className="static-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}
