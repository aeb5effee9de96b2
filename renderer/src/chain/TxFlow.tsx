import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import type { TxIntent, TxRecord, TxSignerChoice } from '../../../shared/contract/chain';
import { useApi, useApiQuery, useStream } from '../api/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { TxConfirm, type DepositLine } from '../components/TxConfirm';
import { TxProgress } from '../components/TxProgress';
import type { TokenFormat } from '../format/amount';
import { phaseWords } from '../format/tx-phase';
import { ExtensionSigner } from './ExtensionSigner';
import { useLiveRead } from './use-live-read';

export interface TxFlowProps {
  intent: TxIntent;
  signer: TxSignerChoice & { name?: string };
  /** The same key never submits twice (the pipeline checks), so a double click or a resumed wizard is safe. */
  intentKey: string;
  summary: string;
  details?: ReactNode;
  deposits?: DepositLine[];
  spend?: DepositLine;
  token: TokenFormat;
  ss58Prefix: number;
  freePlanck?: bigint | string;
  confirmLabel?: string;
  /** A transaction already submitted for this step (after a restart): follow it instead of signing again. */
  txId?: string;
  onSubmitted?: (record: TxRecord) => void;
  onSettled?: (record: TxRecord) => void;
  onCancel?: () => void;
}

/** Review → sign → follow, for one intent: the fee and deposits first, then its progress until it settles. */
export function TxFlow(props: TxFlowProps): ReactElement {
  const api = useApi();
  const [txId, setTxId] = useState<string | undefined>(props.txId);
  const [record, setRecord] = useState<TxRecord>();
  const [submitting, setSubmitting] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<unknown>();
  const followingId = txId ?? props.txId;
  const signer: TxSignerChoice = { kind: props.signer.kind, address: props.signer.address };
  const estimate = useApiQuery('tx.estimate', { intent: props.intent, signer }, { enabled: !followingId, retry: false, staleTime: 30_000 });
  // The fee follows the chain's state (the fee multiplier moves every block, deposits and dry-run effects with
  // storage): a review read at an older head may no longer be what the chain takes. Read it again on each new
  // head of the chain the call goes to, until it is signed.
  const estimatedRole = estimate.data?.role;
  const head = useLiveRead<'head'>(estimatedRole && !followingId ? { kind: 'head', role: estimatedRole } : undefined);
  const headNumber = head.value?.number;
  const { refetch } = estimate;
  const [estimatedAtHead, setEstimatedAtHead] = useState<number>();
  useEffect(() => {
    if (headNumber === undefined || followingId) return;
    if (estimatedAtHead === undefined) { setEstimatedAtHead(headNumber); return; }
    if (headNumber === estimatedAtHead) return;
    setEstimatedAtHead(headNumber);
    void refetch();
  }, [headNumber, estimatedAtHead, followingId, refetch]);

  const accept = (next: TxRecord): void => {
    setRecord(next);
    if (phaseWords(next.phase).settled) props.onSettled?.(next);
  };

  const submit = async (): Promise<void> => {
    setSubmitting(true);
    setError(undefined);
    try {
      const submitted = await api.call('tx.submit', { intent: props.intent, signer, intentKey: props.intentKey });
      setTxId(submitted.txId);
      props.onSubmitted?.(submitted);
      accept(submitted);
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  const retry = async (): Promise<void> => {
    if (!followingId) return;
    setRetrying(true);
    try {
      accept(await api.call('tx.retry', { txId: followingId }));
    } catch (caught) {
      setError(caught);
    } finally {
      setRetrying(false);
    }
  };

  if (followingId) {
    return (
      <div className="tx-flow">
        {props.signer.kind === 'extension' ? <ExtensionSigner /> : null}
        <TxStatusFollower txId={followingId} onRecord={accept} />
        {record ? <TxProgress record={record} onRetry={() => void retry()} retrying={retrying} /> : <p className="muted">Reading the transaction’s state…</p>}
        <ErrorMessage error={error} />
      </div>
    );
  }
  return (
    <div className="tx-flow">
      {props.signer.kind === 'extension' ? <ExtensionSigner /> : null}
      <TxConfirm
        summary={props.summary}
        details={props.details}
        estimate={estimate.data}
        estimateError={estimate.error}
        deposits={props.deposits}
        spend={props.spend}
        token={props.token}
        ss58Prefix={props.ss58Prefix}
        signer={props.signer}
        freePlanck={props.freePlanck}
        busy={submitting}
        confirmLabel={props.confirmLabel}
        onConfirm={() => void submit()}
        onCancel={props.onCancel}
      />
      <ErrorMessage error={error} />
    </div>
  );
}

function TxStatusFollower({ txId, onRecord }: { txId: string; onRecord: (record: TxRecord) => void }): null {
  useStream('tx.status', { txId }, onRecord);
  return null;
}
