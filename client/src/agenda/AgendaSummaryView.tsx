import {
  ACTIVITY_NAMES,
  formatCoverage,
  formatDuration,
  getLayer,
  LAYERS,
  scopeName,
  type AgendaSummary,
} from '@shared';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The summary after the last step: time per layer against the plan, coverage when the run started and
 * now, each vote's result, and what is left open (the review's counts, and the way to its list). The
 * same figures as the report's "Guided workshop" section (shared's agendaSummary).
 */
export function AgendaSummaryView({
  summary,
  onShowOpen,
}: {
  summary: AgendaSummary;
  onShowOpen: (() => void) | null;
}) {
  const { then, now } = summary.coverage;
  const ran = summary.steps.filter((s) => s.ran).length;
  const open = summary.open;
  const openCounts = [
    [open.openQuestions.length, 'open question decisions depend on', 'open questions decisions depend on'],
    [open.horizonConflicts.length, 'decision planned too early', 'decisions planned too early'],
    [open.contestedCells.length, 'contested cell', 'contested cells'],
    [open.emptyCells.length, 'empty cell', 'empty cells'],
    [
      open.changedCells?.length ?? 0,
      'cell changed since the last iteration',
      'cells changed since the last iteration',
    ],
  ] as const;
  return (
    <section className="agenda-summary" aria-labelledby="agenda-summary-title">
      <h3 id="agenda-summary-title">Summary</h3>
      <p>
        Started {time(summary.startedAt)}
        {summary.finishedAt !== null ? `, finished ${time(summary.finishedAt)}` : ', still running'}:{' '}
        {formatDuration(summary.spentMs)} spent of {formatDuration(summary.plannedMs)} planned; {ran} of{' '}
        {plural(summary.steps.length, 'step', 'steps')} run.
      </p>
      <table className="agenda-table">
        <caption>Time per layer</caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Planned</th>
            <th scope="col">Spent</th>
            <th scope="col">Extended</th>
          </tr>
        </thead>
        <tbody>
          {summary.layers.map((t) => (
            <tr key={t.layer} className={t.spentMs > t.plannedMs + t.extendedMs ? 'is-over' : undefined}>
              <th scope="row">
                {t.layer === 'board' ? 'Whole stack' : getLayer(t.layer).name}
                {t.skipped > 0 && <span className="agenda-muted"> ({t.skipped} not run)</span>}
              </th>
              <td>{formatDuration(t.plannedMs)}</td>
              <td>{formatDuration(t.spentMs)}</td>
              <td>{t.extendedMs > 0 ? formatDuration(t.extendedMs) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="agenda-table">
        <caption>
          Coverage: {formatCoverage(then.score)} at the start, {formatCoverage(now.score)} now
        </caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">At the start</th>
            <th scope="col">Now</th>
          </tr>
        </thead>
        <tbody>
          {LAYERS.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.name}</th>
              <td>{formatCoverage(then.layers[l.id])}</td>
              <td>{formatCoverage(now.layers[l.id])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Votes</h4>
      {summary.votes.length === 0 ? (
        <p className="agenda-muted">No vote of the agenda was revealed.</p>
      ) : (
        <ul className="agenda-votes">
          {summary.votes.map((vote) => {
            const step = summary.steps.find((s) => s.stepId === vote.stepId);
            return (
              <li key={vote.round.voteId}>
                <strong>
                  {step ? `${scopeName(step.scope)} · ${ACTIVITY_NAMES[step.activity]}` : 'A removed step'}
                </strong>
                : {plural(vote.results.voters, 'person', 'people')} voted
                {vote.results.notes.length > 0 && (
                  <ol>
                    {vote.results.notes.slice(0, 3).map((v) => (
                      <li key={v.note.id}>
                        {v.note.text || '(empty note)'} ({plural(v.dots, 'dot', 'dots')})
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h4>Left open</h4>
      {open.total === 0 ? (
        <p>Nothing: the stack is consistent.</p>
      ) : (
        <>
          <ul className="agenda-open">
            {openCounts
              .filter(([count]) => count > 0)
              .map(([count, one, many]) => (
                <li key={one}>{plural(count, one, many)}</li>
              ))}
          </ul>
          {onShowOpen && (
            <button type="button" onClick={onShowOpen}>
              Show what is left open
            </button>
          )}
        </>
      )}
    </section>
  );
}
