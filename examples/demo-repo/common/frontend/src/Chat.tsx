import { useState } from "react";
import { useAuth } from "./auth";
import { config } from "./config/production";

export function Chat() {
  const { token } = useAuth();
  const [reply, setReply] = useState("");

  async function send(message: string) {
    const res = await fetch(`${config.apiUrl}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ message }),
    });
    const data = await res.json();
    setReply(data.reply);
  }

  return (
    <div>
      <input onKeyDown={(e) => e.key === "Enter" && send(e.currentTarget.value)} />
      <p>{reply}</p>
    </div>
  );
}
