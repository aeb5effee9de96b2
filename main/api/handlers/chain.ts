import type { chainCalls, chainStreams } from '../../../shared/contract/chain';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function chainHandlers(services: Services): Pick<CallHandlers, keyof typeof chainCalls> {
  const chain = services.chain;
  return {
    'chain.networks': () => chain.networks(),
    'chain.addNetwork': ({ network }) => chain.addNetwork(network),
    'chain.connect': (input) => chain.connect(input),
    'chain.disconnect': async () => ({ closed: await chain.disconnect() }),
    'chain.connections': () => chain.connections(),
    'chain.capabilities': () => chain.capabilities(),
    'chain.read': ({ query }) => chain.read(query),
    'tx.estimate': ({ intent, signer }) => chain.estimate(intent, signer),
    'tx.submit': ({ intent, signer, intentKey }) => chain.submit(intent, signer, intentKey),
    'tx.retry': ({ txId }) => chain.retry(txId),
    'tx.pending': () => chain.pipeline.pending(),
    'tx.get': ({ txId }) => chain.pipeline.get(txId),
    'tx.signResponse': (answer) => ({ accepted: chain.answerSignRequest(answer) }),
    'rehearsal.start': ({ networkId, role, fund }) => chain.startRehearsal({
      networkId,
      role,
      fund: fund.map((account) => ({ address: account.address, freePlanck: BigInt(account.freePlanck) })),
    }),
    'rehearsal.stop': () => chain.stopRehearsal(),
    'rehearsal.state': () => chain.rehearsal.state(),
  };
}

export function chainSources(services: Services): Pick<StreamSources, keyof typeof chainStreams> {
  const chain = services.chain;
  return {
    'chain.connection': (_params, emit) => chain.onConnection(emit),
    'chain.readModel': ({ query }, emit) => chain.watch(query, emit),
    'tx.status': ({ txId }, emit) => chain.onTxStatus(txId, emit),
    'tx.signRequest': (_params, emit) => chain.onSignRequest(emit),
  };
}
