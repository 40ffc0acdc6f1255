import { useEffect, useState } from "react";
import { useAuth, type User } from "./auth";

export function AdminUsers() {
  const { user, token } = useAuth();
  const [users, setUsers] = useState<User[]>([]);

  useEffect(() => {
    fetch("/api/admin/users", { headers: { Authorization: `Bearer ${token}` } })
      .then((res) => res.json())
      .then(setUsers);
  }, [token]);

  if (user?.role !== "admin") {
    return <p>You do not have access to this page.</p>;
  }

  async function remove(id: number) {
    await fetch(`/api/admin/users/${id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
    setUsers(users.filter((u) => u.id !== id));
  }

  return (
    <table>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.name}</td>
            <td>
              <button onClick={() => remove(u.id)}>Delete</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
