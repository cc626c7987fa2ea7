import { useId } from 'react';

const LEVELS = [1, 2, 3, 4, 5];

/**
 * Five stars as a radio group (arrow keys move, Space picks); clicking the current star clears the rating.
 * "No rating" is the first choice so the group is complete for screen readers and keyboards.
 */
export function RatingStars(props: { value: number; onChange(rating: number): void; label?: string }) {
  const name = useId();
  const { value } = props;
  return (
    <div className="lib-rating" role="radiogroup" aria-label={props.label ?? 'Rating'}>
      <label className="lib-rating-none" title="No rating (0)">
        <input type="radio" name={name} checked={value === 0} onChange={() => props.onChange(0)} />
        <span aria-hidden="true">⊘</span>
        <span className="visually-hidden">No rating</span>
      </label>
      {LEVELS.map((n) => (
        <label key={n} className={n <= value ? 'lib-rating-on' : undefined} title={`${n} star${n === 1 ? '' : 's'} (${n})`}>
          <input
            type="radio"
            name={name}
            checked={value === n}
            onChange={() => props.onChange(n)}
            onClick={() => {
              if (value === n) props.onChange(0);
            }}
          />
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">{`${n} star${n === 1 ? '' : 's'}`}</span>
        </label>
      ))}
    </div>
  );
}
