import axios from "axios";

export async function loadUsers() {
  // ruleid: authz-client-api-call-js
  const res = await fetch("/api/admin/users");
  return res.json();
}

export async function deleteUser(id: string) {
  // ruleid: authz-client-api-call-js
  await fetch(`/api/admin/users/${id}`, { method: "DELETE" });
}

export async function refund(chargeId: string) {
  // ruleid: authz-client-api-call-js
  await axios.post("/api/billing/refunds", { chargeId });
}

export function useUsers(store: Map<string, string>) {
  // ok: authz-client-api-call-js
  return store.get("users");
}
