/**
 * Deliberate deviations: behaviour where the fake differs from a real API server on purpose.
 * A case listed here may fail on the fake while passing on a real server without failing the run;
 * the report shows every entry with its reason.
 */
export interface Deviation {
  /** Case name. */
  case: string;
  reason: string;
}

export const DEVIATIONS: Deviation[] = [];
