"use client";
import { useState, useSyncExternalStore, type ChangeEvent } from "react";
import type { DefaultValues, FieldValues, Path, PathValue } from "react-hook-form";

/**
 * The form state every form uses: what is typed, what the server said is wrong, and whether anything
 * was changed by the user. It keeps react-hook-form's interface for the part the forms use (register,
 * watch, setValue, getValues, reset, errors, dirty state; field arrays in ./form-array) in about 3 kB instead of 12:
 * forms are checked on the server (useServerForm), so no validation runs here. Only react-hook-form's
 * types are imported; none of its code reaches the browser.
 *
 * Inputs stay uncontrolled: register's ref puts the value into the element when it mounts (or when
 * setValue or reset changes it) and its onChange reads the element back. Any change re-renders the
 * form's component, so watch() and the dirty state are always current.
 */

type FieldError = { type: string; message: string };

/** What register returns: spread it onto an input, select or textarea. */
export type Registration<Name extends string = string> = {
  name: Name;
  ref: (element: Element | null) => void | (() => void);
  onChange: (event: ChangeEvent<Element>) => void;
  onBlur: () => void;
};

type RegisterOptions = { onChange?: (event: ChangeEvent<never>) => void; valueAsNumber?: boolean };
type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FormApi<V extends FieldValues> {
  register<N extends Path<V>>(name: N, options?: RegisterOptions): Registration<N>;
  watch(): V;
  watch<N extends Path<V>>(name: N): PathValue<V, N>;
  watch(callback: (values: V) => void): { unsubscribe: () => void };
  getValues(): V;
  getValues<N extends Path<V>>(name: N): PathValue<V, N>;
  setValue<N extends Path<V>>(name: N, value: PathValue<V, N>, options?: { shouldDirty?: boolean; shouldValidate?: boolean }): void;
  /** Back to the default values, or to `values` (which become the defaults unless keepDefaultValues). */
  reset(values?: DefaultValues<V> | V, options?: { keepDefaultValues?: boolean }): void;
  setError(name: Path<V> | (string & {}), error: FieldError): void;
  clearErrors(name?: Path<V> | Path<V>[]): void;
  getFieldState(name: Path<V>): { isDirty: boolean; error?: FieldError };
  /** Errors by dotted field name; isDirty when a value the user changed differs from its default. */
  readonly formState: { readonly isDirty: boolean; readonly errors: Readonly<Record<string, FieldError>> };
  readonly control: Control<V>;
}

/** The part of a form useFieldArray works with (`_values` only carries the form's type). */
export type Control<V extends FieldValues = FieldValues> = {
  readonly _values?: V;
  subscribe: (listener: () => void) => () => void;
  version: () => number;
  get: (name: string) => unknown;
  /** Replaces a list of rows the user changed (components/ui/form-array's buttons). */
  setArray: (name: string, items: unknown[]) => void;
};

const segments = (name: string) => name.split(".");

function getPath(source: unknown, name: string): unknown {
  let v = source;
  for (const k of segments(name)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function setPath(target: Record<string, unknown>, name: string, value: unknown) {
  const keys = segments(name);
  let o: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((k, i) => {
    if (o[k] === null || typeof o[k] !== "object") o[k] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    o = o[k] as Record<string, unknown>;
  });
  o[keys[keys.length - 1]!] = value;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isInput = (el: Input): el is HTMLInputElement => el.tagName === "INPUT";

const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

export function createForm<V extends FieldValues>(initial: DefaultValues<V> | undefined): FormApi<V> {
  let defaults = copy((initial ?? {}) as Record<string, unknown>);
  let values = copy(defaults);
  let errors: Record<string, FieldError> = {};
  /** Names the user changed (typing, setValue with shouldDirty, a field array's buttons). */
  let changed = new Set<string>();
  let version = 0;
  const renders = new Set<() => void>();
  const watchers = new Set<(values: V) => void>();
  const elements = new Map<string, Set<Input>>();
  const options = new Map<string, RegisterOptions>();
  const registrations = new Map<string, Registration>();

  const update = () => {
    version++;
    for (const r of renders) r();
    for (const w of watchers) w(copy(values) as V);
  };

  /** Puts the stored value into one element. */
  const show = (el: Input, name: string) => {
    const v = getPath(values, name);
    if (isInput(el) && (el.type === "checkbox" || el.type === "radio")) {
      el.checked = el.type === "radio" ? String(v ?? "") === el.value : Array.isArray(v) ? v.map(String).includes(el.value) : !!v;
      return;
    }
    if (el.type === "file") return;
    // No value yet: take the element's own (a select's first option), as react-hook-form does.
    if (v === undefined) {
      setPath(values, name, el.value);
      return;
    }
    const text = v === undefined || v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v);
    if (el.value !== text) el.value = text;
  };
  /** Puts the stored values into every element of `name` and of the fields inside it. */
  const showAll = (name?: string) => {
    for (const [n, set] of elements) if (name === undefined || n === name || n.startsWith(`${name}.`)) for (const el of set) show(el, n);
  };

  const read = (el: Input, name: string): unknown => {
    if (isInput(el) && el.type === "checkbox") {
      const current = getPath(values, name);
      if (Array.isArray(current) || (elements.get(name)?.size ?? 0) > 1) {
        const list = (Array.isArray(current) ? current : []).filter((x) => x !== el.value);
        return el.checked ? [...list, el.value] : list;
      }
      return el.checked;
    }
    if (isInput(el) && el.type === "radio") return el.checked ? el.value : getPath(values, name);
    if (options.get(name)?.valueAsNumber && isInput(el)) return el.valueAsNumber;
    return el.value;
  };

  const isChanged = (name: string) => !equal(getPath(values, name), getPath(defaults, name));

  const form: FormApi<V> = {
    register(name, opts) {
      options.set(name, { ...options.get(name), ...opts });
      let r = registrations.get(name);
      if (!r) {
        r = {
          name,
          ref: (element) => {
            if (!element) return;
            const el = element as Input;
            let set = elements.get(name);
            if (!set) elements.set(name, (set = new Set()));
            set.add(el);
            show(el, name);
            return () => {
              set.delete(el);
            };
          },
          onChange: (event) => {
            setPath(values, name, read(event.target as Input, name));
            changed.add(name);
            options.get(name)?.onChange?.(event as ChangeEvent<never>);
            update();
          },
          onBlur: () => {},
        };
        registrations.set(name, r);
      }
      return r as Registration<typeof name>;
    },
    watch: ((arg?: string | ((values: V) => void)) => {
      if (typeof arg === "function") {
        watchers.add(arg);
        return { unsubscribe: () => void watchers.delete(arg) };
      }
      return arg === undefined ? copy(values) : copy(getPath(values, arg));
    }) as FormApi<V>["watch"],
    getValues: ((name?: string) => (name === undefined ? copy(values) : copy(getPath(values, name)))) as FormApi<V>["getValues"],
    setValue(name, value, opts) {
      setPath(values, name, copy(value));
      if (opts?.shouldDirty) changed.add(name);
      showAll(name);
      update();
    },
    reset(next, opts) {
      values = copy((next ?? defaults) as Record<string, unknown>);
      if (next && !opts?.keepDefaultValues) defaults = copy(values);
      // Values put back over the defaults (a draft restored) count as the user's.
      changed = new Set(opts?.keepDefaultValues ? Object.keys(values) : []);
      errors = {};
      showAll();
      update();
    },
    setError(name, error) {
      errors = { ...errors, [name]: error };
      update();
    },
    clearErrors(name) {
      if (name === undefined) errors = {};
      else {
        const names: string[] = Array.isArray(name) ? name : [name];
        errors = Object.fromEntries(Object.entries(errors).filter(([n]) => !names.some((x) => n === x || n.startsWith(`${x}.`))));
      }
      update();
    },
    getFieldState(name) {
      return { isDirty: [...changed].some((n) => n === name || name.startsWith(`${n}.`)) && isChanged(name), error: errors[name] };
    },
    formState: {
      get isDirty() {
        return [...changed].some(isChanged);
      },
      get errors() {
        return errors;
      },
    },
    control: {
      subscribe: (listener) => {
        renders.add(listener);
        return () => void renders.delete(listener);
      },
      version: () => version,
      get: (name) => getPath(values, name),
      setArray: (name, items) => {
        setPath(values, name, items);
        changed.add(name);
        update();
        // Elements now under other names (a row moved or removed) show their row's values.
        showAll(name);
      },
    },
  };
  return form;
}

/** A form's state, made once for the component; it re-renders the component on every change. */
export function useForm<V extends FieldValues>({ defaultValues }: { defaultValues?: DefaultValues<V> }): FormApi<V> {
  const [form] = useState(() => createForm<V>(defaultValues));
  useSyncExternalStore(form.control.subscribe, form.control.version, form.control.version);
  return form;
}
