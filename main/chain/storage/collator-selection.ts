import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, itemsOf, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** `collatorSelection.candidacyBond`: what registering as a candidate holds from the account. */
export const collatorSelectionCandidacyBond = storageItem<[], bigint>(PALLET_NAMES.collatorSelection, 'candidacyBond', bigintOf);

/** `collatorSelection.desiredCandidates`: how many candidates the parachain takes besides its invulnerables. */
export const collatorSelectionDesiredCandidates = storageItem<[], number>(PALLET_NAMES.collatorSelection, 'desiredCandidates', numberOf);

/** `collatorSelection.candidateList` (newer runtimes; older ones call it `candidates`): only how many there are. */
export const collatorSelectionCandidateList = storageItem<[], number>(PALLET_NAMES.collatorSelection, 'candidateList', (value) => itemsOf(value).length);
export const collatorSelectionCandidatesOld = storageItem<[], number>(PALLET_NAMES.collatorSelection, 'candidates', (value) => itemsOf(value).length);
