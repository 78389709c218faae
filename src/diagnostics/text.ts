// The reading of typed text is shared by every area (screens and PDFs): src/platform/text.ts.
export { textBlocks, type Block } from '../platform/text';
