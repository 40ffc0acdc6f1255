"use server";

import { auth } from "@/auth";
import { db } from "@/lib/db";

// ruleid: authz-server-action-js
export async function deleteWorkspace(id: string) {
  await db.workspace.delete({ where: { id } });
}

// ruleid: authz-server-action-js
export async function promoteUser(id: string) {
  const session = await auth();
  if (session?.user.role !== "admin") throw new Error("forbidden");
  await db.user.update({ where: { id }, data: { role: "admin" } });
}

// ok: authz-server-action-js
function slugify(name: string) {
  return name.toLowerCase().replace(/\s+/g, "-");
}
