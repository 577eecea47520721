// Public surface of the learners layer.
export { learnerRegistry } from './registry.js';
export { GaussianLearner } from './gaussian.js';
export { CategoricalLearner } from './categorical.js';
export { NgramLearner, ngramEntry, type NgramParams } from './ngram.js';
export { KneserNeyModel } from './ngram/kneser-ney.js';
export { createTokenizer, tokenizerFromJSON, countChars, type Tokenizer, type TokenizerSpec, type TokenizerJson } from './tokenize/tokenizer.js';
export { encodePair, encodeContext, decodeAnswer, answerLimits, type AnswerLimits, type EncodedPair } from './text-sequence.js';
