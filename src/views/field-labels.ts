import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The labels of a page's fields, by input id, so that the error summary at the top of a form can
 * name each field (« Nom : ce champ est obligatoire ») with the very words of its label. Fields
 * come after the summary in the page, so `sendPage` renders a page whose summary missed a label
 * a second time, with the labels the first pass collected.
 */
export type FieldLabels = { byId: Map<string, string>; summaryMissedALabel: boolean };

export const FieldLabelsContext = createContext<FieldLabels | null>(null);

export function newFieldLabels(): FieldLabels {
  return { byId: new Map(), summaryMissedALabel: false };
}

/** Called by each field as it renders. */
export function useRegisterFieldLabel(id: string, label: string): void {
  useContext(FieldLabelsContext)?.byId.set(id, label);
}

/** The label of the field with this id, if the page has it (null on the first pass). */
export function useFieldLabelLookup(): (id: string) => string | null {
  const labels = useContext(FieldLabelsContext);
  return (id) => {
    const label = labels?.byId.get(id) ?? null;
    if (label === null && labels) labels.summaryMissedALabel = true;
    return label;
  };
}

/** For a hand-written field (a radio group, a <select>, a checkbox): registers its label, renders nothing. */
export function RegisterLabel({ id, label }: { id: string; label: string }): null {
  useRegisterFieldLabel(id, label);
  return null;
}
