// A disclosure button for evidence folded out of the way: "12 other headers", "9 checks passed".

export function FoldButton({ open, label, onToggle, controls }: { open: boolean; label: string; onToggle(): void; controls?: string }) {
  return (
    <button type="button" class="cp-fold-btn" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span aria-hidden="true" class="cp-fold-mark">
        {open ? '▾' : '▸'}
      </span>
      {label}
    </button>
  );
}
