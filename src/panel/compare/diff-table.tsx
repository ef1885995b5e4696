/**
 * Rows of two things side by side (issue 12): a label, A, B, and a state the eye finds first
 * (differs, only in A or B, same). Every cell is text from the comparison model, which holds no
 * secret; nothing is rendered as markup. In a narrow panel each row folds to its label above A and B
 * (compare.css), so a docked DevTools panel reads it without scrolling sideways.
 */
import type { ComponentChildren } from 'preact';
import { claimState } from '../../core/compare/claims';
import type { Row } from '../../core/compare/types';

export type RowState = 'same' | 'differs' | 'only-a' | 'only-b';
export const rowState = (r: Row): RowState => claimState(r);

const MARK: Record<RowState, string> = { same: 'same', differs: 'differs', 'only-a': 'only in A', 'only-b': 'only in B' };

export interface DiffTableProps {
  rows: Row[];
  /** Column headings: "A · Authorization code". */
  heads: [string, string];
  /** Shown under a row's label, e.g. a link to diff the two tokens. */
  extra?: (r: Row) => ComponentChildren;
  /** Rows drawn quieter (findings neither side fails or warns on). */
  minor?: (r: Row) => boolean;
  caption?: string;
  testId?: string;
  /** How a cell's text is drawn (findings: outcome badges); plain text by default. */
  cell?: (text: string) => ComponentChildren;
  /** Other words for the marks, e.g. 'changed' where a difference is the expected news (a refresh). */
  marks?: Partial<Record<RowState, string>>;
}

export function DiffTable({ rows, heads, extra, minor, caption, testId, cell, marks }: DiffTableProps) {
  return (
    <table class="diff-table" data-testid={testId}>
      {caption && <caption class="hint">{caption}</caption>}
      <thead>
        <tr>
          <th scope="col" class="diff-label">
            <span class="sr-only">What</span>
          </th>
          <th scope="col">{heads[0]}</th>
          <th scope="col">{heads[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const state = rowState(r);
          const cls = ['diff-row', state, r.varies ? 'varies' : '', minor?.(r) ? 'minor' : ''].filter(Boolean).join(' ');
          return (
            <tr key={r.key} class={cls} data-row={r.key} data-state={state} data-varies={r.varies}>
              <th scope="row" class="diff-label">
                <span class="diff-name">{r.label}</span>
                {state !== 'same' && <span class={`diff-mark ${state}`}>{marks?.[state] ?? MARK[state]}</span>}
                {r.varies && state !== 'same' && <span class="hint"> ({r.varies === 'time' ? 'differs every run' : 'new each run'})</span>}
                {r.note && !r.only && <div class="hint diff-note">{r.note}</div>}
                {extra?.(r)}
              </th>
              <td class="diff-cell" data-side="A">
                {cell ? cell(r.a) : r.a}
              </td>
              <td class="diff-cell" data-side="B">
                {cell ? cell(r.b) : r.b}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
