import Link from "next/link";

export const metadata = { title: "You do not have permission to see this page" };

export default function Forbidden() {
  return (
    <div className="auth-wrap">
      <h1>You do not have permission to see this page</h1>
      <p>Your role does not give you access to this information. If you think it should, ask your headteacher.</p>
      <p>
        <Link href="/">Go to your dashboard</Link>
      </p>
    </div>
  );
}
