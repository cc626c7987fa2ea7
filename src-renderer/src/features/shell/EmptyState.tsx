import type { ReactNode } from 'react';

/** A section's heading with a sentence of what it is for, until it has content. */
export function EmptyState(props: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-labelledby="section-title">
      <h1 id="section-title">{props.title}</h1>
      <div className="empty-body">{props.children}</div>
    </section>
  );
}
