/**
 * Label selectors for listers (apimachinery pkg/labels: Selector, Everything, Parse,
 * SelectorFromSet, LabelSelectorAsSelector).
 *
 * NOTE for the lead: parsing and matching reuse the fake API server's exact port of
 * apimachinery's selector grammar (fake-apiserver/selectors/label-selector.ts). Importing from
 * fake-apiserver is accepted for now; move that module to a shared place (e.g. client/labels/)
 * when the client core grows one. A parse failure throws an Error with apimachinery's message.
 */
import {
  labelSelectorFromMetav1,
  labelSelectorFromSet,
  LabelSelector,
  parseLabelSelector,
  type LabelSelectorV1,
} from '../../fake-apiserver/selectors/label-selector.js';

export type Labels = { readonly [key: string]: string } | undefined | null;

export interface Selector {
  matches(labels: Labels): boolean;
  /** True when the selector selects everything. */
  empty(): boolean;
  toString(): string;
}

/** What listers accept: a selector, its text form ("app=web,tier!=db"), or a label set. */
export type SelectorLike = Selector | string | { readonly [key: string]: string } | undefined | null;

/** labels.Everything(). */
export function everything(): Selector {
  return LabelSelector.everything();
}

/** labels.Nothing(). */
export function nothing(): Selector {
  return LabelSelector.nothing();
}

/** labels.Parse. */
export function parseSelector(text: string): Selector {
  try {
    return parseLabelSelector(text);
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

/** labels.SelectorFromSet. */
export function selectorFromSet(set: { readonly [key: string]: string }): Selector {
  return labelSelectorFromSet(set);
}

/** metav1.LabelSelectorAsSelector (a Deployment's spec.selector, ...). */
export function selectorFromLabelSelector(sel: LabelSelectorV1 | null | undefined): Selector {
  try {
    return labelSelectorFromMetav1(sel);
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

export function toSelector(s: SelectorLike): Selector {
  if (s === undefined || s === null) return everything();
  if (typeof s === 'string') return parseSelector(s);
  if (typeof (s as Selector).matches === 'function') return s as Selector;
  return selectorFromSet(s as { readonly [key: string]: string });
}
