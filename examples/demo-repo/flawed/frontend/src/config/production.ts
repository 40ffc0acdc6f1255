export const config = {
  apiUrl: "http://localhost:8000",
  sentryEnvironment: "production",
};
