"use client";
import { useSyncExternalStore } from "react";
import type { FieldArray, FieldArrayPath, FieldValues } from "react-hook-form";
import type { Control } from "./form-state";

// A list of rows in a form (react-hook-form's useFieldArray), apart from ./form-state so that only
// the forms with rows load it.

let nextKey = 0;
const newKey = () => `k${++nextKey}`;
/** Each list's row keys, by the list itself: a list replaced by reset or setValue gets new keys. */
const rowKeys = new WeakMap<object, string[]>();

export function rowKeysOf(items: unknown[]): string[] {
  let keys = rowKeys.get(items);
  if (!keys || keys.length !== items.length) rowKeys.set(items, (keys = Array.from({ length: items.length }, newKey)));
  return keys;
}

/** Changes a form's list of rows and their keys together (adding, removing, moving a row). */
export function editRows(control: Control, name: string, edit: (items: unknown[], keys: string[]) => void) {
  const current = (control.get(name) as unknown[] | undefined) ?? [];
  const items = [...current];
  const keys = [...rowKeysOf(current)];
  edit(items, keys);
  rowKeys.set(items, keys);
  control.setArray(name, items);
}

/** The rows of one list field; each field carries a stable key (`keyName`, "id" by default). */
export function useFieldArray<V extends FieldValues, N extends FieldArrayPath<V>, K extends string = "id">({ control, name, keyName }: { control: Control<V>; name: N; keyName?: K }) {
  useSyncExternalStore(control.subscribe, control.version, control.version);
  const key = (keyName ?? "id") as K;
  const items = (control.get(name) as FieldArray<V, N>[] | undefined) ?? [];
  const ids = rowKeysOf(items);
  const fields = items.map((item, i) => ({ ...(item as object), [key]: ids[i]! }) as FieldArray<V, N> & Record<K, string>);
  const ctl = control as Control;
  return {
    fields,
    append: (item: FieldArray<V, N>) =>
      editRows(ctl, name, (list, k) => {
        list.push(structuredClone(item));
        k.push(newKey());
      }),
    remove: (index: number) =>
      editRows(ctl, name, (list, k) => {
        list.splice(index, 1);
        k.splice(index, 1);
      }),
    move: (from: number, to: number) =>
      editRows(ctl, name, (list, k) => {
        if (to < 0 || to >= list.length) return;
        list.splice(to, 0, ...list.splice(from, 1));
        k.splice(to, 0, ...k.splice(from, 1));
      }),
  };
}
