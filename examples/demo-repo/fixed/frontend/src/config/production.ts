export const config = {
  apiUrl: "https://api.chat.acme.example",
  sentryEnvironment: "production",
};
