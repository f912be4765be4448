import Link from "next/link";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="auth-wrap">
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a link, the record may have been removed.</p>
      <p>
        <Link href="/">Go to your dashboard</Link>
      </p>
    </div>
  );
}
