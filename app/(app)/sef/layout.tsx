import type { ReactNode } from "react";
import "./sef.css";

export default function SefLayout({ children }: { children: ReactNode }) {
  return children;
}
