import type { Detector } from '../util/detector.js';

// Placeholder: not implemented yet.
export const detectBuffer: Detector = () => ({});
