/** The id layout every tokenizer shares: bytes, then the two specials, then merges. */
export const BYTE_COUNT = 256;
/** End of answer. */
export const EOS = 256;
/** Separates the prompt from the answer. */
export const SEP = 257;
/** First id a byte-pair merge can take. */
export const FIRST_MERGE = 258;
/** Ids fit in 16 bits, so count tables can store tokens as Uint16. */
export const MAX_VOCAB = 65_536;
