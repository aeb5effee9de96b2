import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { Diagnosis, DiagnosisSubject } from '../../../../shared/contract/diagnosis';
import { useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { causeCheckId, checkMark, verdictBadge, whoseMove } from './diagnosis-view';
import './WhyNotAdvancing.css';

/**
 * "Why not advancing?" for a parachain or a collator: the cause the console
 * names, the next step, and the chain of checks behind it, each with what
 * was read. Read when opened, on demand, and again when `readAgainOn`
 * changes (a diagnosis reads several chains and the node: it is not polled).
 */
export function WhyNotAdvancing({ subject, framed = true, readAgainOn }: { subject: DiagnosisSubject; framed?: boolean; readAgainOn?: string }): ReactElement {
  const diagnosis = useApiQuery('diagnosis.read', { subject }, { retry: false, refetchOnWindowFocus: false });
  // A collator's page opened before its node was up kept the read of a node that did not answer yet
  // ("connection refused") after the node came up: its RPC or metrics coming up, or its health level changing, is a
  // reason to read again.
  const readFor = useRef(readAgainOn);
  const { refetch } = diagnosis;
  useEffect(() => {
    if (readFor.current === readAgainOn) return;
    readFor.current = readAgainOn;
    void refetch();
  }, [readAgainOn, refetch]);
  // A card of its own on a page; inside another card (a parachain's) only a rule above it.
  return (
    <section className={framed ? 'card why-not-advancing' : 'why-not-advancing is-inset'} aria-label="Why not advancing?">
      <header className="why-not-advancing-header">
        <h2>Why not advancing?</h2>
        <button type="button" className="button button-secondary button-small" onClick={() => void diagnosis.refetch()} disabled={diagnosis.isFetching}>
          {diagnosis.isFetching ? 'Checking…' : 'Check again'}
        </button>
      </header>
      <div className="why-not-advancing-body">
        {diagnosis.error ? <ErrorMessage error={diagnosis.error} /> : null}
        {diagnosis.data ? <DiagnosisView diagnosis={diagnosis.data} /> : diagnosis.isFetching ? <p className="muted small">Reading the relay, the parachain and the node…</p> : null}
      </div>
    </section>
  );
}

/**
 * The panel behind a button, for a card among many: a diagnosis reads
 * several chains, so it is read only once asked for, or at once when the
 * subject already has a fault (`startOpen`).
 */
export function WhyNotAdvancingDisclosure({ subject, startOpen }: { subject: DiagnosisSubject; startOpen: boolean }): ReactElement {
  const [open, setOpen] = useState(startOpen);
  if (open) return <WhyNotAdvancing subject={subject} framed={false} />;
  return (
    <button type="button" className="button button-secondary button-small why-not-advancing-open" onClick={() => setOpen(true)}>
      Why not advancing?
    </button>
  );
}

export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }): ReactElement {
  const badge = verdictBadge(diagnosis);
  const move = whoseMove(diagnosis);
  const causeCheck = causeCheckId(diagnosis);
  return (
    <div className="diagnosis">
      <p className="diagnosis-cause" role="status">
        <span className={badge.className}>{badge.label}</span> <strong>{diagnosis.words}</strong>
      </p>
      <p className="diagnosis-next">
        {move ? <span className="muted small">{move}: </span> : null}
        {diagnosis.nextStep}
      </p>
      <ol className="diagnosis-checks" aria-label="Checks">
        {diagnosis.checks.map((check) => {
          const mark = checkMark(check.status);
          return (
            <li key={check.id} className={`diagnosis-check is-${check.status}${check.id === causeCheck ? ' is-cause' : ''}`}>
              <span className="diagnosis-mark" aria-label={mark.label}>{mark.mark}</span>
              <span className="diagnosis-check-title">{check.title}</span>
              <span className="diagnosis-check-evidence small">{check.evidence}</span>
            </li>
          );
        })}
      </ol>
      <p className="muted small">Read at {new Date(diagnosis.readAtMs).toLocaleTimeString()}.</p>
    </div>
  );
}
