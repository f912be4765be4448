"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/define-action";
import { nowMs } from "@/lib/clock";
import { markUnsaved, offerDraft, readDraft, removeDraft, withdrawDraft, writeDraft } from "@/components/ui/drafts";

type Versioned = { version: number };

/**
 * Runs saves of one versioned record one after another, each with the version the previous save
 * returned. Several fields of one record (an area's grade and strengths) share one saver, so a save of
 * one never makes the next save of the other look stale.
 */
export function useSerialSaver(initialVersion: number) {
  const version = useRef(initialVersion);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(<T extends Versioned>(save: (version: number) => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
    const run = chain.current.then(async () => {
      const result = await save(version.current);
      if (result.ok) version.current = result.data.version;
      return result;
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);
}

export type AutosaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  /** `field`: the text itself was refused (too long…), shown at the field; otherwise a form-level message. */
  | { kind: "error"; message: string; conflict: boolean; field: boolean };

const AUTOSAVE_DELAY_MS = 1500;
/** After a failure that may pass (busy, network, server restarting): 2 s, 4 s, 8 s … at most 30 s. */
const retryDelay = (n: number) => Math.min(30_000, 2000 * 2 ** (n - 1));
const CONFLICT = /changed by someone else/;
const UNREACHABLE = "Not saved yet: the server could not be reached. Your text is still here and kept in this browser.";

/**
 * The behaviour every autosaving text shares (the SEF's narratives, the report's sections): it saves
 * 1.5 s after typing stops (and whenever `saveNow` is called), one save at a time, with the latest
 * text. On any failure the text stays exactly as typed. Only a conflict (someone else saved first)
 * stops the autosave, so nothing is overwritten; a refused text waits for the next change; anything
 * else (busy, network, a server error) is retried with a growing pause, and "saving" always ends.
 * Unsaved text is kept in this browser (`draftKey`), offered back on the next visit, and leaving the
 * page with it asks first.
 */
export function useAutosave({
  draftKey,
  initialValue,
  save,
  onSaved,
}: {
  draftKey: string;
  initialValue: string;
  /** Sends the text; a thrown error counts as no answer. */
  save: (text: string) => Promise<ActionResult<Versioned>>;
  onSaved?: () => void;
}) {
  const [value, setValue] = useState(initialValue);
  /** The text the page was loaded with: a draft is offered once, against this. */
  const [loadedValue] = useState(initialValue);
  const [savedValue, setSavedValue] = useState(initialValue);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const saved = useRef(initialValue);
  const latest = useRef(initialValue);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const inFlight = useRef(false);
  const failures = useRef(0);

  /** The save a timer runs: always the latest one (set below). */
  const saveLater = useRef<() => Promise<void>>(() => Promise.resolve());
  const schedule = (ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveLater.current(), ms);
  };

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    if (blocked.current || inFlight.current || text === saved.current) return;
    inFlight.current = true;
    setStatus({ kind: "saving" });
    let result: ActionResult<Versioned> | null;
    try {
      result = await save(text);
    } catch {
      result = null; // no answer: the network, or the server is down or failed
    } finally {
      inFlight.current = false;
    }
    if (result?.ok) {
      failures.current = 0;
      saved.current = text;
      setSavedValue(text);
      const current = latest.current === text;
      if (current) {
        removeDraft(draftKey);
        markUnsaved(draftKey, false);
      }
      setStatus(current ? { kind: "saved", at: new Date() } : { kind: "dirty" });
      // More typing arrived while saving: save that too.
      if (!current) schedule(AUTOSAVE_DELAY_MS);
      onSaved?.();
      return;
    }
    const fieldMessage = Object.values(result?.fieldErrors ?? {})[0]?.[0];
    const message = fieldMessage ?? result?.formError ?? UNREACHABLE;
    const conflict = !fieldMessage && CONFLICT.test(message);
    if (conflict) {
      // A conflict cannot be resolved by saving again: stop, keep the text, and say what to do.
      blocked.current = true;
      setStatus({ kind: "error", message, conflict, field: false });
    } else if (fieldMessage) {
      setStatus({ kind: "error", message, conflict, field: true });
    } else {
      failures.current++;
      const wait = retryDelay(failures.current);
      setStatus({ kind: "error", message: `${message} Trying again in ${Math.round(wait / 1000)} seconds.`, conflict, field: false });
      schedule(wait);
    }
  }, [save, onSaved, draftKey]);
  useEffect(() => {
    saveLater.current = saveNow;
  }, [saveNow]);

  /** The text changed (typed, restored or appended): keep it in this browser and save after a pause. */
  const change = useCallback(
    (text: string) => {
      setValue(text);
      latest.current = text;
      const dirty = text !== saved.current;
      markUnsaved(draftKey, dirty);
      if (dirty) writeDraft(draftKey, { text }, nowMs());
      if (blocked.current) return;
      setStatus({ kind: "dirty" });
      schedule(AUTOSAVE_DELAY_MS);
    },
    [draftKey],
  );

  // A draft left by an earlier visit whose text never reached the server: offer it back, once.
  useEffect(() => {
    const found = readDraft(draftKey);
    const text = typeof found?.values.text === "string" ? found.values.text : null;
    if (found && text !== null && text !== loadedValue) {
      offerDraft({
        key: draftKey,
        savedAt: found.savedAt,
        restore: () => {
          withdrawDraft(draftKey);
          change(text);
        },
        discard: () => {
          removeDraft(draftKey);
          withdrawDraft(draftKey);
        },
      });
    }
    return () => {
      withdrawDraft(draftKey);
      markUnsaved(draftKey, false);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [draftKey, loadedValue, change]);

  return { value, change, saveNow, status, dirty: value !== savedValue };
}
