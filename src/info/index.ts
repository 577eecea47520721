/** The info layer: information estimators in bits, their uncertainty, and the input formats of `infoloop info`. */
export {
  binaryEntropy,
  countIntegers,
  entropyChaoShen,
  entropyJamesStein,
  entropyMillerMadow,
  entropyOfProbs,
  entropyOfSamples,
  entropyPlugin,
  jamesSteinLambda,
} from './entropy.js';
export { entropyNsb, nsbPriorDensity, nsbPriorEntropy } from './nsb.js';
export { distributionKl, gaussianKl, jsDivergence, klDivergence } from './divergence.js';
export { denseCodes, pairedInformation, pairedInformationInterval, type PairedInformation } from './paired.js';
export { looksContinuous, scoreEntropy, scoreLabels } from './binned.js';
export { bestOfKBits, bestOfKBitsDiscrete } from './best-of-k.js';
export { conditionalEntropy, mutualInformation } from './mutual.js';
export { ksgMutualInformation, type Samples } from './ksg.js';
export { klEntropy, logUnitBallVolume } from './kl-entropy.js';
export { KdTree, countWithinSorted, type Norm } from './knn.js';
export { filterBitsRejection, filterBitsWeighted } from './filter.js';
export {
  bcaFromReplicates,
  bootstrapCI,
  halfSampleCI,
  jackknifeAcceleration,
  quantileSorted,
  type BootstrapOptions,
  type BootstrapResult,
  type HalfSampleResult,
} from '../stats/bootstrap.js';
export { digamma, logGamma, logRisingFactorial, normalCdf, normalQuantile, trigamma } from '../stats/special.js';
export { parseInput, type ParsedInput } from './input.js';
export {
  ENTROPY_METHODS,
  formatInfoResult,
  INFO_QUANTITIES,
  runInfo,
  type InfoInterval,
  type InfoOptions,
  type InfoQuantity,
  type InfoResult,
} from './command.js';
