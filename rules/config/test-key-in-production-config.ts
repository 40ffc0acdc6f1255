export const productionConfig = {
  // ruleid: test-key-in-production-config
  stripePublishableKey: "pk_test_TYooMQauvdEDq54NiTphI7jx",
  // ok: test-key-in-production-config
  stripeSecretKey: process.env.STRIPE_SECRET_KEY,
  // ok: test-key-in-production-config
  testKeyPrefix: "sk_test_",
};
