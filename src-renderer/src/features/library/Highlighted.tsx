import { splitByRanges, type Range } from './highlight';

/** Text with search matches wrapped in `<mark>`, from the ranges main computed with the same FTS tokenizer. */
export function Highlighted(props: { text: string; ranges?: readonly Range[] | undefined }) {
  return (
    <>
      {splitByRanges(props.text, props.ranges ?? []).map((seg, i) =>
        seg.match ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>,
      )}
    </>
  );
}
