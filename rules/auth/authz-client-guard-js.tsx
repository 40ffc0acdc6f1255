import { useSession } from "next-auth/react";
import { Navigate } from "react-router-dom";
import { useAuth } from "./auth";

export function AdminMenu() {
  const { user } = useAuth();
  // ruleid: authz-client-guard-js
  if (user.role !== "admin") return null;
  return <a href="/admin">Admin</a>;
}

export function BillingButton() {
  const { data: session } = useSession();
  // ruleid: authz-client-guard-js
  return session?.user.isAdmin ? <button>Refund</button> : null;
}

export function DeleteUser({ id }: { id: string }) {
  const { user } = useAuth();
  // ruleid: authz-client-guard-js
  if (!hasPermission(user, "users:delete")) return null;
  return <button onClick={() => fetch(`/api/admin/users/${id}`, { method: "DELETE" })}>Delete</button>;
}

export function AdminPage() {
  // ruleid: authz-client-guard-js
  return (
    <RequireRole role="admin">
      <h1>Admin</h1>
    </RequireRole>
  );
}

export function Greeting() {
  const { user } = useAuth();
  // ok: authz-client-guard-js
  return <p>Hello {user.name}</p>;
}

export function Loading({ status }: { status: string }) {
  // ok: authz-client-guard-js
  if (status === "loading") return <Navigate to="/login" />;
  return null;
}
