// Notes on an exchange, and notes pinned to one header line of it. Every note is text from a
// person (or from a file someone sent): rendered as text, never as HTML or Markdown.

import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_NOTE_INPUT_LENGTH } from '../../export/index.ts';
import { describeTarget, type NoteTarget, type PanelNote } from '../store/notes.ts';
import { textStart } from '../format.ts';
import { usePanel } from './context.ts';
import { shownAttribute } from '../shown-text.ts';
import { LongText } from './LongText.tsx';
import { Shown } from './Shown.tsx';

function NoteMeta({ note, showTarget }: { note: PanelNote; showTarget: boolean }) {
  const parts: string[] = [];
  if (showTarget && note.target.kind === 'header') parts.push(`on ${describeTarget(note.target)}`);
  if (note.author) parts.push(note.author.name);
  const when = new Date(note.createdAt);
  if (Number.isFinite(when.getTime())) parts.push(when.toISOString().slice(0, 16).replace('T', ' '));
  return (
    <span class="cp-note-meta">
      <LongText text={parts.join(' · ')} kind="prose" />
    </span>
  );
}

function NoteItem({ exchangeId, note, showTarget, itemRef }: { exchangeId: string; note: PanelNote; showTarget: boolean; itemRef?: Ref<HTMLLIElement> }) {
  const { store } = usePanel();
  return (
    <li class="cp-note-item" data-note-target={note.target.kind} ref={itemRef}>
      <p class="cp-note-text">
        <LongText text={note.text} kind="lines" />
      </p>
      <NoteMeta note={note} showTarget={showTarget} />
      <button type="button" class="cp-btn cp-btn-small cp-note-remove" aria-label={`Remove note: ${shownAttribute(textStart(note.text, 40))}`} onClick={() => store.removeNote(exchangeId, note.id)}>
        Remove
      </button>
    </li>
  );
}

/**
 * Notes listed at first, and how many each "Show more" adds. An exchange holds up to 1,000 notes (a
 * bundle's bound) and each shows up to 10,000 characters at first (LongText's): all of them were
 * seconds to minutes of layout when the detail opened.
 */
const NOTES_SHOWN = 20;

function NoteList({ exchangeId, notes, showTarget, className }: { exchangeId: string; notes: readonly PanelNote[]; showTarget: boolean; className: string }) {
  const [shown, setShown] = useState(NOTES_SHOWN);
  // The notes the list opened with. One added since (the field below it) is shown even past the
  // cut, after the "Show more" line, where the notes not shown yet stand between: the note just
  // written is seen where it was written, and the list still lays out only the first ones.
  const opened = useRef<ReadonlySet<string> | null>(null);
  opened.current ??= new Set(notes.map((note) => note.id));
  const first = notes.slice(0, shown);
  const added = notes.slice(shown).filter((note) => !opened.current!.has(note.id));
  const rest = notes.length - first.length - added.length;
  const lastAdded = added.at(-1)?.id;
  const lastAddedRef = useRef<HTMLLIElement>(null);
  // Scrolled to once, when added: the field keeps the keyboard for the next note.
  useEffect(() => {
    if (lastAdded !== undefined) lastAddedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [lastAdded]);
  const items = (list: readonly PanelNote[]) =>
    list.map((note) => <NoteItem key={note.id} exchangeId={exchangeId} note={note} showTarget={showTarget} {...(note.id === lastAdded ? { itemRef: lastAddedRef } : {})} />);
  return (
    <>
      <ul class={className}>{items(first)}</ul>
      {rest > 0 ? (
        <p class="cp-more-text">
          <button type="button" class="cp-btn cp-btn-small cp-more-btn" onClick={() => setShown(shown + NOTES_SHOWN)}>
            Show {Math.min(rest, NOTES_SHOWN)} more notes
          </button>{' '}
          <span class="cp-muted">({rest.toLocaleString('en-US')} not shown)</span>
        </p>
      ) : null}
      {added.length > 0 ? <ul class={className}>{items(added)}</ul> : null}
    </>
  );
}

function NoteForm({ label, onSave, onCancel, autoFocus }: { label: string; onSave(text: string): void; onCancel?: () => void; autoFocus?: boolean }) {
  const [text, setText] = useState('');
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  // Opened from a line's button, the field takes the keyboard at once.
  useEffect(() => {
    if (autoFocus) fieldRef.current?.focus({ preventScroll: true });
  }, [autoFocus]);
  const save = (): void => {
    if (text.trim() === '') return;
    onSave(text);
    setText('');
  };
  return (
    <form
      class="cp-note-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <textarea
        class="cp-note-input"
        aria-label={label}
        rows={2}
        maxLength={MAX_NOTE_INPUT_LENGTH}
        value={text}
        ref={fieldRef}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          } else if (event.key === 'Escape' && onCancel) {
            event.stopPropagation();
            onCancel();
          }
        }}
      />
      <span class="cp-note-actions">
        <button type="submit" class="cp-btn cp-btn-small" disabled={text.trim() === ''}>
          Add note
        </button>
        {onCancel ? (
          <button type="button" class="cp-btn cp-btn-small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </span>
    </form>
  );
}

/**
 * The detail's Notes section: every note of the exchange, and a field to add one. With no note
 * yet it is one "Add a note" button: an empty box is noise above the evidence.
 */
export function NotesSection({ exchangeId }: { exchangeId: string }) {
  const { store } = usePanel();
  const [adding, setAdding] = useState(false);
  const notes = store.notesOf(exchangeId);
  if (notes.length === 0 && !adding) {
    return (
      <div class="cp-notes cp-notes-folded">
        <button type="button" class="cp-btn cp-btn-small" aria-expanded="false" onClick={() => setAdding(true)}>
          Add a note
        </button>{' '}
        <span class="cp-muted">Notes go with the bundle when you export it.</span>
      </div>
    );
  }
  // A bundle's notes are its sender's words: they may say anything, and read as no advice of this tool's.
  const fromFile = store.importOrigin(exchangeId)?.kind === 'bundle' && notes.length > 0;
  return (
    <div class="cp-notes">
      {fromFile ? <p class="cp-muted cp-notes-sender">Notes by the sender (not checked), as the file gives them, and any you add.</p> : null}
      {notes.length > 0 ? <NoteList exchangeId={exchangeId} notes={notes} showTarget className="cp-note-list" /> : null}
      <NoteForm
        label="Note on this exchange"
        autoFocus={notes.length === 0}
        onSave={(text) => store.addNote(exchangeId, { text, target: { kind: 'exchange' } })}
        {...(notes.length === 0 ? { onCancel: () => setAdding(false) } : {})}
      />
    </div>
  );
}

/** Inside a header line: the notes pinned to it (found by the caller), and its "add note" button and field. */
export function LineNotes({ exchangeId, target, notes }: { exchangeId: string; target: NoteTarget & { kind: 'header' }; notes: readonly PanelNote[] }) {
  const { store } = usePanel();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <button
        type="button"
        class="cp-line-note-btn"
        aria-label={`Add note on ${shownAttribute(target.name)}`}
        aria-expanded={adding}
        title="Add a note on this header line"
        onClick={() => setAdding(!adding)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M3 2.5h10v8H7.5L4.5 13.5v-3H3z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" />
          <path d="M8 4.5v4M6 6.5h4" stroke="currentColor" stroke-width="1.3" />
        </svg>
      </button>
      {notes.length > 0 ? <NoteList key={exchangeId} exchangeId={exchangeId} notes={notes} showTarget={false} className="cp-note-list cp-line-notes" /> : null}
      {adding ? (
        <NoteForm
          label={`Note on ${shownAttribute(target.name)}`}
          autoFocus
          onSave={(text) => {
            store.addNote(exchangeId, { text, target });
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
    </>
  );
}
