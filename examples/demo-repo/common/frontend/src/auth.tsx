import { createContext, useContext } from "react";

export type User = { id: number; name: string; role: "admin" | "member" };

export const AuthContext = createContext<{ user: User | null; token: string | null }>({
  user: null,
  token: null,
});

export function useAuth() {
  return useContext(AuthContext);
}
