/** A list of source addresses as short numbered links ("source 1, source 2"), for figures quoted from elsewhere. */
export function SourceLinks({ sources }: { sources: string[] }) {
  return (
    <>
      {sources.map((s, i) => (
        <span key={s}>
          {i > 0 ? ", " : ""}
          <a href={s} rel="noreferrer">
            source {i + 1}
          </a>
        </span>
      ))}
    </>
  );
}
